// A button with data-confirm="…" asks before its form is sent (no inline onclick:
// the Content Security Policy allows scripts from our static files only).
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});
