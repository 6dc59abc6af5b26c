// Quiz attempts: autosave each answer as it changes, and count the time down.
// Without JavaScript the form still works: "Save my answers" and "Submit" post it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form) return;
  var status = form.querySelector(".autosave-status");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var pending = null;

  function collect() {
    var answers = {};
    form.querySelectorAll("fieldset.question").forEach(function (fieldset) {
      var id = fieldset.id.slice(2);
      var many = fieldset.querySelector("input[name='" + id + "__many']");
      var checked = fieldset.querySelectorAll("input[name='" + id + "']:checked");
      var text = fieldset.querySelector("input[name='" + id + "'][type=text]");
      var order = fieldset.querySelectorAll("input[type=number]");
      if (order.length) {
        var ranked = [];
        order.forEach(function (input) {
          if (input.value) ranked.push([Number(input.value), input.name.split(":")[1]]);
        });
        if (ranked.length !== order.length) return;
        ranked.sort(function (a, b) { return a[0] - b[0]; });
        answers[id] = ranked.map(function (pair) { return pair[1]; });
      } else if (many) {
        answers[id] = Array.prototype.map.call(checked, function (input) { return input.value; });
      } else if (checked.length) {
        answers[id] = checked[0].value;
      } else if (text) {
        answers[id] = text.value;
      }
    });
    return answers;
  }

  function save() {
    pending = null;
    status.textContent = status.dataset.saving || "Saving…";
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json",
                "X-CSRFToken": token},
      body: JSON.stringify({answers: collect()})
    }).then(function (response) {
      return response.json().then(function (body) {
        status.textContent = response.ok ? (status.dataset.saved || "Saved.") : body.error;
        if (response.status === 409) window.location.reload();
      });
    }).catch(function () {
      status.textContent = status.dataset.offline || "Not saved: no connection. Your answers stay on this page.";
    });
  }

  form.addEventListener("change", function () {
    if (pending) clearTimeout(pending);
    pending = setTimeout(save, 400);
  });

  var timer = document.querySelector("[data-seconds-left]");
  if (timer) {
    var left = Number(timer.dataset.secondsLeft);
    var value = timer.querySelector(".timer-value");
    setInterval(function () {
      left = Math.max(0, left - 1);
      var minutes = Math.floor(left / 60), seconds = left % 60;
      value.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left === 0) form.querySelector("button[value=submit]").click();
    }, 1000);
  }
})();
