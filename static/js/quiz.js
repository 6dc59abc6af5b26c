// Quiz attempts on a flaky link (docs/offline.md, "Quizzes on a flaky link").
// Every answer is kept on the phone as it is typed (IndexedDB `isoko-quiz`, one record per
// attempt with a growing `seq`), then autosaved whenever a connection exists; "Submit" offline is
// queued there and sent on reconnect. The server decides everything: it ignores a save older than
// the last it stored, answers a replayed submit with the first result, and for timed quizzes
// keeps its own deadline + grace (the phone's clock is never trusted for it).
// Loaded on every page of a signed-in learner: it registers IsokoPending["quiz"] (the sync status)
// and sends what is waiting when the link comes back, whatever page is open.
// Without JavaScript the form still works: "Save my answers" and "Submit" post it.
(function () {
  "use strict";
  var DB_NAME = "isoko-quiz", STORE = "attempts", SOURCE = "quiz";
  var RETRY = [2, 4, 8, 16, 30, 60];  // seconds between tries while the link is down
  var form = document.querySelector("form[data-autosave-url]");
  var status = form && form.querySelector(".autosave-status");
  var text = (status && status.dataset) || {};
  var attemptId = form ? form.dataset.attempt : null;
  var dbPromise = null, flushing = null, retryTimer = null, failures = 0, pending = null;
  var locked = false, submitting = false, broken = false;

  function say(message) { if (status && message) status.textContent = message; }

  // ---- IndexedDB: {attempt, url, autosave_url, result_url, token, answers, seq, saved_at,
  //      synced_seq, submit: null | {queued_at}, problem: null | {message, final}, deadline} ----
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, {keyPath: "attempt"});
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  function tx(mode, work) {
    return db().then(function (conn) {
      return new Promise(function (resolve, reject) {
        var t = conn.transaction(STORE, mode), result;
        var store = t.objectStore(STORE);
        work(store, function (value) { result = value; });
        t.oncomplete = function () { resolve(result); };
        t.onerror = t.onabort = function () { reject(t.error); };
      });
    });
  }

  function get(id) {
    return tx("readonly", function (store, done) {
      store.get(id).onsuccess = function (event) { done(event.target.result || null); };
    });
  }

  function all() {
    return tx("readonly", function (store, done) {
      store.getAll().onsuccess = function (event) { done(event.target.result || []); };
    });
  }

  // Read-modify-write in one transaction, so two tabs never lose each other's seq.
  function update(id, change) {
    return tx("readwrite", function (store, done) {
      store.get(id).onsuccess = function (event) {
        var record = change(event.target.result || null);
        if (record === undefined) return done(event.target.result || null);
        if (record === null) store.delete(id); else store.put(record);
        done(record);
      };
    });
  }

  function waiting(record) {
    return !record.problem && (record.submit || record.seq > record.synced_seq);
  }

  function csrf(record) {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : record.token;
  }

  // ---- The sync status (OFFLINE_CONTRACT.md) ----
  function summary() {
    return all().then(function (records) {
      return {
        waiting: records.filter(waiting).length,
        problems: records.filter(function (r) { return r.problem; })
          .map(function (r) { return r.problem.message; })
      };
    });
  }

  function announce() {
    return summary().then(function (now) {
      document.dispatchEvent(new CustomEvent("isoko:pending", {detail: {
        source: SOURCE, waiting: now.waiting, syncing: !!flushing, problems: now.problems
      }}));
    }).catch(function () {});
  }

  // ---- The form: read and fill answers ----
  function collect() {
    var answers = {};
    form.querySelectorAll("fieldset.question").forEach(function (fieldset) {
      var id = fieldset.id.slice(2);
      var many = fieldset.querySelector("input[name='" + id + "__many']");
      var checked = fieldset.querySelectorAll("input[name='" + id + "']:checked");
      var box = fieldset.querySelector("input[name='" + id + "'][type=text]");
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
      } else if (box) {
        answers[id] = box.value;
      }
    });
    return answers;
  }

  function fill(answers) {
    Object.keys(answers).forEach(function (id) {
      var fieldset = document.getElementById("q-" + id);
      if (!fieldset) return;
      var answer = answers[id];
      var order = fieldset.querySelectorAll("input[type=number]");
      if (order.length) {
        order.forEach(function (input) {
          var position = Array.isArray(answer) ? answer.indexOf(input.name.split(":")[1]) : -1;
          input.value = position < 0 ? "" : String(position + 1);
        });
        return;
      }
      fieldset.querySelectorAll("input[name='" + id + "']").forEach(function (input) {
        if (input.type === "radio") input.checked = input.value === answer;
        else if (input.type === "checkbox") input.checked = Array.isArray(answer) && answer.indexOf(input.value) >= 0;
        else if (input.type === "text") input.value = answer == null ? "" : answer;
      });
    });
  }

  function lock() {
    locked = true;
    form.querySelectorAll("input, button").forEach(function (input) {
      if (input.type !== "hidden") input.disabled = true;
    });
  }

  // ---- Sending: autosave, then a queued submit ----
  function post(url, record, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json",
                "X-CSRFToken": csrf(record)},
      body: JSON.stringify(body)
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.redirected || type.indexOf("application/json") < 0) {
        // A login page, a CSRF refusal or a proxy's error page: not an answer from Isoko.
        if (response.status >= 500 || response.status === 429) throw new Error("retry");
        return {status: 0, body: {error: text.session ||
          "Your session has ended. Log in again and open the quiz: your answers are kept on this phone."}};
      }
      return response.json().then(function (json) { return {status: response.status, body: json}; });
    });
  }

  // Retryable by nature: the server said "not now" (5xx, 429) or the link is down.
  function problemFrom(result) {
    var code = result.body.code;
    var final = code === "closed" || code === "deadline" || code === "not_found";
    return {message: result.body.error, final: final, code: code || "session"};
  }

  function sendOne(record) {
    if (record.submit) {
      return post(record.url, record, {action: "submit", answers: record.answers, seq: record.seq})
        .then(function (result) {
          if (result.status === 200) {
            var done = result.body;
            // A replay of a submit whose answer was lost on the way is simply the same result.
            var notice = done.replayed && done.status === "submitted" ? "" : (done.notice || "");
            return update(record.attempt, function () {
              // Graded: nothing is left to send. A late close, or answers to questions removed
              // meanwhile, is kept as a problem to read until the result page is opened.
              if (!notice) return null;
              return Object.assign({}, record, {submit: null, synced_seq: record.seq,
                result_url: done.result_url, problem: {message: notice, final: true, code: "graded"}});
            }).then(function () {
              if (record.attempt === attemptId) {
                try { sessionStorage.setItem("isoko-quiz-notice", notice); } catch (e) { /* private mode */ }
                var open = function () { window.location.assign(done.result_url); };
                // Graded; the link dropped as the answer came back: open the result once it is back.
                if (navigator.onLine === false) {
                  say(text.submitted || "Submitted. Your result opens when you are back online.");
                  window.addEventListener("online", open, {once: true});
                } else {
                  open();
                }
              }
            });
          }
          return update(record.attempt, function (now) {
            return now && Object.assign({}, now, {problem: problemFrom(result)});
          }).then(function (now) {
            if (record.attempt === attemptId && now) say(now.problem.message);
          });
        });
    }
    var seq = record.seq;
    // Said here, when a request really leaves, and not when a change is scheduled: a scheduled
    // round can find its answers already sent by the round before, and then nothing would
    // follow "Saving…" with "Saved".
    if (record.attempt === attemptId) say(text.saving || "Saving…");
    return post(record.autosave_url, record, {answers: record.answers, seq: seq, saved_at: record.saved_at})
      .then(function (result) {
        return update(record.attempt, function (now) {
          if (!now) return undefined;
          if (result.status === 200) {
            var next = Object.assign({}, now, {synced_seq: Math.max(now.synced_seq, seq)});
            if (result.body.notice) next.problem = {message: result.body.notice, final: false, code: "changed"};
            else if (now.problem && !now.problem.final) next.problem = null;
            return next;
          }
          return Object.assign({}, now, {problem: problemFrom(result)});
        }).then(function (now) {
          if (record.attempt !== attemptId) return;
          if (result.status === 200) say(text.saved || "Saved.");
          else if (now && now.problem) say(now.problem.message);
          if (result.body.code === "closed" || result.body.code === "deadline") lock();
        });
      });
  }

  // After a round with nothing left to send, a status still reading "Saving…" is stale (the
  // answers went in an earlier round): say what is true now.
  function settle() {
    if (!status || !attemptId || status.textContent !== (text.saving || "Saving…")) return null;
    return get(attemptId).then(function (record) {
      if (record && !waiting(record) && !record.problem) say(text.saved || "Saved.");
    }, function () {});
  }

  function flush() {
    if (flushing) return flushing;
    clearTimeout(retryTimer);
    var sent = {}, again = false;
    flushing = Promise.resolve().then(announce).then(all).then(function (records) {
      // Blocked records (quiz unpublished, enrolment ended, session ended) are tried again:
      // the trainer may publish it again, the learner may enrol or log in again.
      var due = records.filter(function (r) {
        return (r.submit || r.seq > r.synced_seq) && !(r.problem && r.problem.final);
      });
      due.forEach(function (r) { sent[r.attempt] = r.seq; });
      return due.reduce(function (chain, record) {
        return chain.then(function () { return sendOne(record); });
      }, Promise.resolve());
    }).then(function () {
      failures = 0;
      // Answers typed while this round was on its way: send them in another round.
      return all().then(function (records) {
        again = records.some(function (r) {
          return waiting(r) && sent[r.attempt] !== undefined && r.seq > sent[r.attempt];
        });
      });
    }, function () {
      // The link is down (or the server busy): keep everything and try again later.
      var delay = RETRY[Math.min(failures, RETRY.length - 1)];
      failures += 1;
      retryTimer = setTimeout(flush, delay * 1000);
      return get(attemptId || "").then(function (record) {
        if (!record) return;
        if (record.submit) say(text.queued || "Your answers are on this phone and will be submitted when you're back online.");
        else say(text.offline || "Not sent yet: no connection. Your answers are kept on this phone.");
      }, function () {});
    }).then(function () {
      flushing = null;
      if (again) setTimeout(flush, 0);
      return Promise.all([announce(), again ? null : settle()]);
    });
    return flushing;
  }

  window.IsokoPending = window.IsokoPending || {};
  window.IsokoPending[SOURCE] = {
    count: function () { return summary().then(function (s) { return s.waiting; }); },
    flush: flush,
    problems: function () { return summary().then(function (s) { return s.problems; }); }
  };

  if (!window.indexedDB) {
    if (form) plainAutosave();
    return;
  }
  window.addEventListener("online", function () { failures = 0; flush(); });

  // On an attempt's result page the graded attempt's notes have been read: forget them.
  var result = window.location.pathname.match(/\/attempts\/([0-9a-f-]{36})\/result\/$/);
  if (result) {
    var notice = null;
    try { notice = sessionStorage.getItem("isoko-quiz-notice"); sessionStorage.removeItem("isoko-quiz-notice"); } catch (e) { /* private mode */ }
    var box = document.querySelector(".quiz-notice");
    if (notice && box) { box.textContent = notice; box.hidden = false; }
    update(result[1], function (record) {
      return record && !waiting(record) && (!record.problem || record.problem.final) ? null : undefined;
    }).then(flush, function () {});
  } else if (!form) {
    flush();
  }
  if (!form) return;

  // ---- The attempt page ----
  var serverSeq = Number(form.dataset.seq || 0);
  var timer = document.querySelector("[data-seconds-left]");
  var secondsLeft = timer ? Number(timer.dataset.secondsLeft) : null;

  function record(base) {
    return Object.assign({
      attempt: attemptId, url: form.dataset.submitUrl || window.location.pathname,
      autosave_url: form.dataset.autosaveUrl, token: form.querySelector("input[name=csrfmiddlewaretoken]").value,
      answers: {}, seq: serverSeq, synced_seq: serverSeq, submit: null, problem: null, saved_at: null,
      deadline: secondsLeft === null ? null : Date.now() + secondsLeft * 1000
    }, base || {});
  }

  function keep(extra) {
    if (locked) return Promise.resolve();
    var answers = collect();
    return update(attemptId, function (now) {
      var base = now || record();
      var seq = Math.max(base.seq, serverSeq) + 1;
      return Object.assign({}, base, {answers: answers, seq: seq, saved_at: new Date().toISOString(),
        token: form.querySelector("input[name=csrfmiddlewaretoken]").value}, extra || {});
    }).then(announce);
  }

  // IndexedDB refused (storage full, a private window): post the form as without JavaScript.
  function postPlainly(action) {
    broken = true;
    var field = document.createElement("input");
    field.type = "hidden"; field.name = "action"; field.value = action;
    form.appendChild(field);
    HTMLFormElement.prototype.submit.call(form);
  }

  function submitNow() {
    if (locked || submitting) return;
    submitting = true;
    keep({submit: {queued_at: new Date().toISOString()}}).then(function () {
      lock();
      say(navigator.onLine === false ? (text.queued || "Your answers are on this phone and will be submitted when you're back online.")
        : (text.sending || "Submitting…"));
      failures = 0;
      return flush();
    }, function () { postPlainly("submit"); });
  }

  form.addEventListener("submit", function (event) {
    if (broken) return;
    event.preventDefault();
    var action = event.submitter ? event.submitter.value : "submit";
    if (action === "save") {
      say(text.saving || "Saving…");
      keep().then(flush, function () { postPlainly("save"); });
    } else {
      submitNow();
    }
  });

  form.addEventListener("change", function () {
    if (pending) clearTimeout(pending);
    // Kept on the phone at once; sent a moment later (one request for a burst of changes).
    keep().then(function () {
      // Cleared here too: two quick changes each reach this line, and the first timer would
      // otherwise be left running beside the second.
      if (pending) clearTimeout(pending);
      pending = setTimeout(function () { pending = null; flush(); }, 400);
    });
  });

  // Reopened (perhaps offline, from the service worker's cache): answers kept on this phone
  // that are newer than what the server rendered go back into the form.
  get(attemptId).then(function (stored) {
    if (stored && stored.seq > serverSeq) {
      fill(stored.answers);
      say(text.restored || "Your answers were restored from this phone.");
      if (stored.submit) { lock(); say(stored.problem ? stored.problem.message : text.queued); }
    } else if (!stored) {
      return update(attemptId, function (now) { return now || record({answers: collect()}); });
    }
    if (stored && stored.deadline && secondsLeft !== null) {
      // A page from the cache shows an old countdown: show the earlier of the two.
      secondsLeft = Math.min(secondsLeft, Math.max(0, Math.round((stored.deadline - Date.now()) / 1000)));
    }
  }).then(function () {
    // Ask for storage that the browser won't evict while answers wait.
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    return flush();
  }).catch(function () { broken = true; plainAutosave(); });

  if (timer) {
    var value = timer.querySelector(".timer-value");
    setInterval(function () {
      if (secondsLeft === null) return;
      secondsLeft = Math.max(0, secondsLeft - 1);
      var minutes = Math.floor(secondsLeft / 60), seconds = secondsLeft % 60;
      value.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (secondsLeft === 0 && !locked) {
        submitNow();
        if (navigator.onLine === false) say(text.timeUp);
      }
    }, 1000);
  }

  // No IndexedDB (a private window on some browsers): the old autosave, straight to the server.
  function plainAutosave() {
    form.addEventListener("change", function () {
      fetch(form.dataset.autosaveUrl, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "Accept": "application/json",
                  "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value},
        body: JSON.stringify({answers: collect()})
      }).then(function (response) {
        say(response.ok ? text.saved : text.offline);
      }, function () { say(text.offline); });
    });
  }
})();
