// The check-in code page reloads itself one second after the code changes (the server says when,
// in data-checkin-refresh), unless the facilitator pauses it: a page that changes on its own must
// let people stop it (WCAG 2.2.1), which a meta refresh cannot. Resuming reloads at once, since
// the code shown may be old by then.
(function () {
  "use strict";
  var box = document.querySelector("[data-checkin-refresh]");
  if (!box) return;
  var seconds = parseInt(box.getAttribute("data-checkin-refresh"), 10);
  var button = box.querySelector("button");
  if (!(seconds > 0) || !button) return;
  var timer = window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  button.hidden = false;
  button.addEventListener("click", function () {
    if (timer === null) {
      window.location.reload();
      return;
    }
    window.clearTimeout(timer);
    timer = null;
    button.setAttribute("aria-pressed", "true");
  });
}());
