// Offline steps: "Mark as complete" on a phone with a flaky link (issue 16, docs/offline.md).
//
// The lesson page's form (form[data-offline-step]) is sent by this script: the step is first
// written to IndexedDB (database "isoko-queue") with a key made here (a uuid) and the time it
// happened, then sent. When the phone is offline or the request fails, the step stays queued
// and the page says "Completed — will sync"; it is sent again on the `online` event, on page
// load, when the page becomes visible, and by a retry timer with backoff. The server records a
// key once (lms/services/replay.py), so a replay, a retry or a second tab never counts twice;
// navigator.locks (where the browser has it) keeps two tabs from sending at the same time.
// A refusal (the lesson was unpublished or moved, the learner left the course) moves the step
// to "problems" with the server's explanation until the learner dismisses it: nothing queued
// is dropped silently.
//
// Without JavaScript (or IndexedDB) the form posts as before. Translated strings come from the
// data-* attributes of this script's tag (templates/lms/includes/offline_queue.html).
// The sync status in the header (static/js/offline/status.js) reads IsokoPending.steps and the
// "isoko:pending" events, as docs/offline.md's contract says.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.indexedDB || !window.fetch || !window.Promise) return;
  var text = script.dataset;
  var USER = text.user || "";
  var DB_NAME = "isoko-queue";
  var STORE = "steps";
  var SOURCE = "steps";
  var LOCK = "isoko-queue-flush";
  var SEND_TIMEOUT = 20000;
  var MAX_DELAY = 5 * 60 * 1000;

  var dbPromise = null;
  var flushing = null;
  var syncing = false;
  var failures = 0;
  var timer = null;
  var syncedHere = []; // steps sent from this page: the dashboard keeps counting them
  var channel = window.BroadcastChannel ? new BroadcastChannel(DB_NAME) : null;

  // ---- IndexedDB ------------------------------------------------------------------------

  function openDb() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var store = request.result.createObjectStore(STORE, {keyPath: "key"});
        store.createIndex("created", "createdAt");
      };
      request.onsuccess = function () {
        var db = request.result;
        // Logging out deletes the database (static/js/offline/register.js): let it.
        db.onversionchange = function () { db.close(); dbPromise = null; };
        db.onclose = function () { dbPromise = null; };
        resolve(db);
      };
      request.onerror = function () { dbPromise = null; reject(request.error); };
      request.onblocked = function () { dbPromise = null; reject(new Error("blocked")); };
    });
    return dbPromise;
  }

  function run(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result;
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
        var request = work(tx.objectStore(STORE));
        if (request) request.onsuccess = function () { result = request.result; };
      });
    });
  }

  function allSteps() {
    return run("readonly", function (store) { return store.index("created").getAll(); })
      .then(function (steps) {
        return (steps || []).filter(function (step) { return step.user === USER; });
      });
  }
  function getStep(key) { return run("readonly", function (store) { return store.get(key); }); }
  function putStep(step) { return run("readwrite", function (store) { return store.put(step); }); }
  function deleteStep(key) { return run("readwrite", function (store) { return store.delete(key); }); }

  // ---- helpers --------------------------------------------------------------------------

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) {
      crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function waiting(steps) { return steps.filter(function (s) { return s.state === "waiting"; }); }
  function problems(steps) { return steps.filter(function (s) { return s.state === "problem"; }); }
  function problemText(step) {
    return (step.title ? step.title + ": " : "") + (step.error || text.problem || "This step could not be recorded.");
  }

  // ---- sending --------------------------------------------------------------------------

  // One POST of a step. Resolves {done}, {problem, code} (the server refused it: a conflict the
  // learner must read) or {retry} (offline, timed out, a server error, the rate limit, a login
  // or CSRF page instead of JSON: try again later, the key keeps it safe).
  function send(step) {
    var body = new URLSearchParams();
    body.set("occurred_at", step.occurredAt);
    if (step.course) body.set("course", step.course);
    var controller = window.AbortController ? new AbortController() : null;
    var timeout = controller ? setTimeout(function () { controller.abort(); }, SEND_TIMEOUT) : null;
    return fetch(step.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Accept": "application/json", "Idempotency-Key": step.key,
                "X-CSRFToken": csrfToken(),
                "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"},
      body: body.toString(),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) return {retry: true};
      return response.json().then(function (data) {
        if (response.ok) return {done: true, data: data};
        if (response.status === 429 || response.status >= 500 || !data || !data.code) return {retry: true};
        return {problem: data.error, code: data.code};
      }, function () { return {retry: true}; });
    }, function () {
      return {retry: true};
    }).then(function (result) {
      if (timeout) clearTimeout(timeout);
      return result;
    });
  }

  function withLock(work) {
    if (navigator.locks && navigator.locks.request) {
      // Waits while another tab sends; that tab's sends are re-read before ours.
      return navigator.locks.request(LOCK, work);
    }
    return work();
  }

  // Send one step (already stored) and record what came of it. Run under the lock.
  function sendStored(key) {
    return getStep(key).then(function (step) {
      // Gone (another tab sent it) or refused already: nothing to send.
      if (!step || step.state !== "waiting") return {skipped: true, step: step};
      return send(step).then(function (result) {
        result.step = step;
        if (result.done) {
          failures = 0;
          syncedHere.push(step);
          return deleteStep(step.key).then(function () { return result; });
        }
        if (result.problem !== undefined) {
          step.state = "problem";
          step.error = result.problem;
          step.code = result.code;
          return putStep(step).then(function () { return result; });
        }
        return result;
      });
    });
  }

  function flush() {
    if (flushing) return flushing;
    if (navigator.onLine === false) {
      return notify();
    }
    syncing = true;
    flushing = notify().then(function () {
      return withLock(function () {
        return allSteps().then(function (steps) {
          var queue = waiting(steps);
          var retry = false;
          var next = function (index) {
            if (index >= queue.length || retry) return null;
            if (navigator.onLine === false) { retry = true; return null; }
            return sendStored(queue[index].key).then(function (result) {
              if (result.retry) retry = true;
              if (!result.skipped) changed();
              return next(index + 1);
            });
          };
          return Promise.resolve(next(0)).then(function () { return retry; });
        });
      });
    }).then(function (retry) {
      if (retry) failures += 1;
    }, function () {
      failures += 1; // IndexedDB refused (storage cleared, private mode): try again later
    }).then(function () {
      syncing = false;
      flushing = null;
      return render();
    }).then(schedule);
    return flushing;
  }

  // The gentle retry: 5 s, 10 s, 20 s… up to 5 minutes while steps wait, with some jitter.
  function schedule() {
    if (timer) { clearTimeout(timer); timer = null; }
    return allSteps().then(function (steps) {
      if (!waiting(steps).length) { failures = 0; return; }
      var delay = Math.min(MAX_DELAY, 5000 * Math.pow(2, Math.max(0, failures - 1)));
      timer = setTimeout(flush, delay * (0.8 + Math.random() * 0.4));
    }, function () {});
  }

  // ---- what the learner sees ------------------------------------------------------------

  function changed() {
    if (channel) channel.postMessage("changed");
  }

  function notify(steps) {
    var ready = steps ? Promise.resolve(steps) : allSteps();
    return ready.then(function (list) {
      var detail = {source: SOURCE, waiting: waiting(list).length, syncing: syncing,
                    problems: problems(list).map(problemText)};
      document.dispatchEvent(new CustomEvent("isoko:pending", {detail: detail}));
      return list;
    }, function () { return []; });
  }

  function fill(template, name, value) { return (template || "").replace("{" + name + "}", value); }

  // The lesson page: "Completed — will sync" in place of the button, "Completed" once synced.
  function renderForms(steps) {
    document.querySelectorAll("form[data-offline-step]").forEach(function (form) {
      var lesson = form.dataset.lesson;
      var status = form.querySelector("[data-step-status]");
      var button = form.querySelector("button[type=submit]");
      var queued = steps.some(function (s) { return s.lesson === lesson && s.state === "waiting"; });
      var synced = syncedHere.some(function (s) { return s.lesson === lesson; });
      if (queued) {
        if (button) button.hidden = true;
        status.textContent = "✓ " + (text.willSync || "Completed — will sync");
        status.classList.add("done");
      } else if (synced && form.dataset.done !== "1") {
        if (button) button.hidden = true;
        status.textContent = "✓ " + (text.synced || "Completed");
        status.classList.add("done");
      }
    });
  }

  // The course outline (course page, lesson sidebar): "will sync" beside each queued lesson.
  function renderOutline(steps) {
    var queued = {};
    waiting(steps).forEach(function (s) { queued[s.lessonUrl] = true; });
    document.querySelectorAll(".outline-item").forEach(function (item) {
      var link = item.querySelector("a[href]");
      var mark = item.querySelector(".queued-step");
      var show = link && queued[link.getAttribute("href")] && !item.querySelector(".tick");
      if (show && !mark) {
        mark = document.createElement("span");
        mark.className = "queued-step";
        mark.textContent = text.outlineQueued || "will sync";
        item.appendChild(mark);
      } else if (!show && mark) {
        mark.remove();
      }
    });
  }

  // The dashboard: "N steps will sync" and the percentage they will make, in a reserved line.
  function renderDashboard(steps) {
    document.querySelectorAll("[data-course-progress]").forEach(function (card) {
      var course = card.dataset.course;
      // The course bar, not the save widget's download bar (save-course.js) in the same card.
      var bar = card.querySelector("progress:not([data-save-progress])");
      var note = card.querySelector("[data-queue-note]");
      var mine = waiting(steps).filter(function (s) { return s.course === course; });
      var sent = syncedHere.filter(function (s) { return s.course === course; });
      var total = Number(card.dataset.total) || 0;
      var counted = {};
      mine.concat(sent).forEach(function (s) { if (s.required) counted[s.lesson] = true; });
      var done = Math.min(total, (Number(card.dataset.done) || 0) + Object.keys(counted).length);
      var percent = total ? Math.round(100 * done / total) : 100;
      if (bar && (mine.length || sent.length)) {
        bar.value = percent;
        bar.textContent = percent + "%";
        bar.classList.toggle("provisional", mine.length > 0);
      }
      if (!note) return;
      if (mine.length) {
        var count = mine.length === 1 ? (text.stepsOne || "1 step will sync")
          : fill(text.stepsMany || "{count} steps will sync", "count", mine.length);
        note.textContent = count + " · " + fill(text.provisional || "{percent}% once synced", "percent", percent);
      } else {
        note.textContent = "";
      }
    });
  }

  // Problems: the server's explanation of each refused step, until the learner dismisses it.
  function renderProblems(steps) {
    var list = problems(steps);
    document.querySelectorAll("[data-queue-problems]").forEach(function (box) {
      box.textContent = "";
      box.hidden = !list.length;
      if (!list.length) return;
      var heading = document.createElement("p");
      heading.textContent = text.problemsTitle || "These steps could not be recorded:";
      var items = document.createElement("ul");
      list.forEach(function (step) {
        var item = document.createElement("li");
        item.textContent = problemText(step) + " ";
        var dismiss = document.createElement("button");
        dismiss.type = "button";
        dismiss.className = "btn btn-small btn-ghost";
        dismiss.textContent = text.dismiss || "Dismiss";
        dismiss.addEventListener("click", function () { api.dismiss(step.key); });
        item.appendChild(dismiss);
        items.appendChild(item);
      });
      box.appendChild(heading);
      box.appendChild(items);
    });
  }

  // A step that was waiting at the last render and is gone now (not refused) was recorded,
  // by this tab or another: the page keeps counting it until the server's numbers are reloaded.
  var lastWaiting = {};
  function noteSynced(steps) {
    var present = {};
    steps.forEach(function (s) { present[s.key] = true; });
    Object.keys(lastWaiting).forEach(function (key) {
      var gone = !present[key] && !syncedHere.some(function (s) { return s.key === key; });
      if (gone) syncedHere.push(lastWaiting[key]);
    });
    lastWaiting = {};
    waiting(steps).forEach(function (s) { lastWaiting[s.key] = s; });
  }

  function render() {
    return allSteps().then(function (steps) {
      noteSynced(steps);
      renderForms(steps);
      renderOutline(steps);
      renderDashboard(steps);
      renderProblems(steps);
      return notify(steps);
    }, function () { return []; });
  }

  // ---- the form -------------------------------------------------------------------------

  function intercept(form) {
    if (form.dataset.done === "1") return; // "Next": a plain link's job, left to the form
    var busy = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      busy = true;
      var keyInput = form.querySelector("input[name=idempotency_key]");
      var step = {
        key: uuid(),
        user: USER,
        kind: "lesson_complete",
        url: form.action,
        lesson: form.dataset.lesson,
        course: form.dataset.course,
        lessonUrl: form.dataset.lessonUrl,
        title: form.dataset.title,
        required: form.dataset.required === "1",
        occurredAt: new Date().toISOString(),
        createdAt: Date.now(),
        state: "waiting"
      };
      // A native submit (the fallback below) carries the same key: still recorded once.
      if (keyInput) keyInput.value = step.key;
      putStep(step).then(function () {
        changed();
        if (navigator.onLine === false) return render().then(schedule);
        var status = form.querySelector("[data-step-status]");
        if (status) status.textContent = text.sending || "Saving…";
        return withLock(function () { return sendStored(step.key); }).then(function (result) {
          // Sent (or, while we waited for the lock, sent by another tab: the step is gone).
          if (result.done || (result.skipped && !result.step)) {
            changed();
            window.location.assign(form.dataset.continue || window.location.href);
            return null;
          }
          if (result.problem !== undefined) {
            changed();
            if (status) status.textContent = problemText(result.step);
          }
          if (result.retry) failures += 1;
          return render().then(schedule);
        });
      }, function () {
        form.submit(); // no IndexedDB here (storage full, private mode): post as without JS
      }).then(function () { busy = false; }, function () { busy = false; });
    });
  }

  // ---- the contract with status.js (docs/offline.md) ------------------------------------

  var api = {
    count: function () { return allSteps().then(function (s) { return waiting(s).length; }, function () { return 0; }); },
    flush: function () { return flush(); },
    problems: function () { return allSteps().then(function (s) { return problems(s).map(problemText); }, function () { return []; }); },
    // Not in the shared contract: drop one refused step once the learner has read it.
    dismiss: function (key) {
      return getStep(key).then(function (step) {
        if (step && step.state === "problem") return deleteStep(key);
        return null;
      }).then(function () { changed(); return render(); });
    }
  };
  window.IsokoPending = window.IsokoPending || {};
  window.IsokoPending[SOURCE] = api;

  document.querySelectorAll("form[data-offline-step]").forEach(intercept);
  window.addEventListener("online", function () { failures = 0; flush(); });
  window.addEventListener("offline", function () { render(); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") flush();
  });
  if (channel) channel.onmessage = function () { render(); };
  render().then(flush);
})();
