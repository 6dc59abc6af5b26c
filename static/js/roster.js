// Roster: a tap on Present / Absent / Excused saves at once, without reloading the page.
// Without JavaScript each button posts its row's form and the server sends the browser back to
// the row (#learner-<id>), so this file only makes the same request with fetch.
(function () {
  "use strict";
  var roster = document.querySelector("[data-roster]");
  if (!roster || !window.fetch) return;
  var problem = document.querySelector(".roster-error");

  function show(row, status, label) {
    row.querySelectorAll("button[name=status]").forEach(function (button) {
      var pressed = button.value === status;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
      button.classList.toggle("btn-ghost", !pressed);
      button.classList.toggle("btn-link", !pressed);
    });
    var badge = row.querySelector("[data-status-label]");
    if (badge) badge.textContent = label;
  }

  function count(counts) {
    Object.keys(counts).forEach(function (key) {
      var cell = document.querySelector("[data-count='" + key + "']");
      if (cell) cell.textContent = counts[key];
    });
  }

  function fail(message) {
    problem.textContent = message;
    problem.hidden = false;
  }

  roster.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!button || button.name !== "status") return; // let the browser post the form
    event.preventDefault();
    var row = form.closest("li");
    var buttons = form.querySelectorAll("button");
    var data = new FormData(form);
    data.set("status", button.value);
    buttons.forEach(function (b) { b.disabled = true; });
    problem.hidden = true;
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Accept": "application/json"},
      body: data
    }).then(function (response) {
      // Not JSON: signed out (the login page) or a server error; the page itself will say.
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) return window.location.reload();
      return response.json().then(function (body) {
        if (!response.ok) return fail(body.error);
        show(row, body.status, body.label);
        count(body.counts);
      });
    }).catch(function () {
      fail(problem.dataset.offline);
    }).then(function () {
      buttons.forEach(function (b) { b.disabled = false; });
    });
  });
})();
