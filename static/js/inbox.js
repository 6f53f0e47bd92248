// The approvals inbox (templates/approvals/inbox.html): tick all.
document.getElementById("check-all")?.addEventListener("change", function (e) {
  document.querySelectorAll('#inbox input[name="approval"]').forEach(function (box) { box.checked = e.target.checked; });
});
