// The sync status in the header (templates/pwa/sync_status.html): offline or online, the steps
// waiting in every pending source, "Syncing…", "Synced", and the problems to read. Its line is
// reserved by the CSS, so filling it moves nothing. The words come from the template's data-*
// attributes (translated); English only as a fallback.
//
// Sources (queue.js, quiz.js...) register in window.IsokoPending and announce each change:
//   document.dispatchEvent(new CustomEvent("isoko:pending",
//     {detail: {source, waiting, syncing, problems}}))
(function () {
  "use strict";
  var root = document.querySelector("[data-sync-status]");
  if (!root) return;
  var text = root.querySelector(".sync-status-text");
  var problemsBox = root.querySelector(".sync-problems");
  var words = root.dataset;
  var states = {}; // source -> {waiting, syncing, problems}
  var activity = false; // something was waiting or syncing since the page opened

  function plural(n, one, other) {
    return (n === 1 ? one : other).replace("{n}", n);
  }

  function render() {
    var waiting = 0;
    var syncing = false;
    var problems = [];
    Object.keys(states).forEach(function (source) {
      var state = states[source];
      waiting += Number(state.waiting) || 0;
      syncing = syncing || Boolean(state.syncing);
      problems = problems.concat(state.problems || []);
    });
    if (waiting || syncing) activity = true;
    var waitingText = waiting ?
      plural(waiting, words.waitingOne || "1 step waiting", words.waitingOther || "{n} steps waiting") : "";
    var online = navigator.onLine;
    var message;
    if (!online) {
      message = (words.offline || "Offline") + (waitingText ? " — " + waitingText : "");
    } else if (syncing) {
      message = words.syncing || "Syncing…";
    } else if (waiting) {
      message = waitingText;
    } else {
      message = activity ? (words.synced || "Synced") : "";
    }
    root.classList.toggle("is-offline", !online);
    root.classList.toggle("is-waiting", waiting > 0);
    if (text.textContent !== message) text.textContent = message;

    problemsBox.hidden = problems.length === 0;
    if (problems.length) {
      problemsBox.querySelector("summary").textContent =
        plural(problems.length, words.problemsOne || "1 problem", words.problemsOther || "{n} problems");
      var list = problemsBox.querySelector("ul");
      list.textContent = "";
      problems.forEach(function (problem) {
        var item = document.createElement("li");
        item.textContent = problem;
        list.appendChild(item);
      });
    }
  }

  document.addEventListener("isoko:pending", function (event) {
    var detail = event.detail || {};
    if (!detail.source) return;
    states[detail.source] = {
      waiting: detail.waiting,
      syncing: detail.syncing,
      problems: Array.isArray(detail.problems) ? detail.problems : []
    };
    render();
  });
  window.addEventListener("online", render);
  window.addEventListener("offline", render);

  // Sources that registered before this script ran (or never announce): ask them once.
  function askSources() {
    var registry = window.IsokoPending || {};
    Object.keys(registry).forEach(function (name) {
      var source = registry[name];
      if (states[name]) return;
      Promise.all([
        Promise.resolve(source.count ? source.count() : 0).catch(function () { return 0; }),
        Promise.resolve(source.problems ? source.problems() : []).catch(function () { return []; })
      ]).then(function (answers) {
        if (states[name]) return; // an event came first: it is newer
        states[name] = { waiting: answers[0], syncing: false, problems: answers[1] || [] };
        render();
      });
    });
  }
  render();
  askSources();
  window.addEventListener("load", askSources);
})();
