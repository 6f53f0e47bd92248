// A button with data-confirm="…", or any button of a form with data-confirm="…", asks
// before the form is sent: once, here, for every page (no inline onclick: the Content
// Security Policy allows scripts from our static files only).
document.addEventListener("click", function (event) {
  const button = event.target.closest("button, input[type=submit]");
  const holder = button && button.closest("[data-confirm]");
  if (holder && !window.confirm(holder.dataset.confirm)) event.preventDefault();
});
