// Search boxes over long lists of checkboxes in the admin (lms/cohorts/admin_forms.py): typing
// hides the choices whose label does not contain what is typed. The box is shown only when
// this script runs; without it the whole list stays visible.
(function () {
  "use strict";

  function reveal(root) {
    root.querySelectorAll("[data-isoko-filter]").forEach(function (input) {
      input.hidden = false;
    });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-isoko-filter]")) {
      return;
    }
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) {
      return;
    }
    var words = input.value.trim().toLowerCase();
    list.querySelectorAll("[data-isoko-filter-text]").forEach(function (item) {
      item.hidden = words !== "" && item.getAttribute("data-isoko-filter-text").indexOf(words) === -1;
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      reveal(document);
    });
  } else {
    reveal(document);
  }
})();
