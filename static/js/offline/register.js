// Registers the service worker (/sw.js) and keeps the phone's offline data to one learner.
// Progressive enhancement: without JavaScript or service workers the site works as before.
//
// - The page says whose it is (<meta name="isoko-owner">: a token, "" for a visitor, "unknown"
//   on the offline page). When it changes, or a visitor's page is seen while learner data is on
//   the phone (logged out, session ended), the learner caches and the IndexedDB queues go.
// - Logging out: every pending source (window.IsokoPending, docs/offline.md) is flushed first if
//   online; if steps are still waiting, the learner confirms before they are deleted.
// window.IsokoOffline is shared with status.js and offline-page.js.
(function () {
  "use strict";
  var script = document.currentScript;
  var DATABASES = ["isoko-queue", "isoko-quiz"];
  var OWNER_KEY = "isoko-owner";
  var FLUSH_TIMEOUT = 8000; // ms a logout waits for the queues to send what they hold

  function isLearnerCache(name) {
    return name === "isoko-pages" || name === "isoko-certificates" ||
      name.indexOf("isoko-course:") === 0;
  }

  function storage(action, value) {
    try {
      if (action === "get") return window.localStorage.getItem(OWNER_KEY);
      if (action === "set") window.localStorage.setItem(OWNER_KEY, value);
      if (action === "remove") window.localStorage.removeItem(OWNER_KEY);
    } catch (error) { /* storage blocked: the worker's own check still holds */ }
    return null;
  }

  function learnerCaches() {
    if (!("caches" in window)) return Promise.resolve([]);
    return caches.keys().then(function (names) { return names.filter(isLearnerCache); });
  }

  function deleteDatabases() {
    if (!("indexedDB" in window)) return Promise.resolve();
    return Promise.all(DATABASES.map(function (name) {
      return new Promise(function (resolve) {
        var request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = function () { resolve(); };
        // Still open in this tab: it goes when the tab moves on; do not wait for that.
        request.onblocked = function () { resolve(); };
      });
    }));
  }

  function clearLearnerData() {
    storage("remove");
    return learnerCaches()
      .then(function (names) {
        return Promise.all(names.map(function (name) { return caches.delete(name); }));
      })
      .then(deleteDatabases);
  }

  function sources() {
    var registry = window.IsokoPending || {};
    return Object.keys(registry).map(function (name) { return registry[name]; });
  }

  function settle(promise, fallback) {
    return Promise.resolve(promise).then(null, function () { return fallback; });
  }

  function pendingCount() {
    return Promise.all(sources().map(function (source) {
      return settle(source.count && source.count(), 0);
    })).then(function (counts) {
      return counts.reduce(function (sum, n) { return sum + (Number(n) || 0); }, 0);
    });
  }

  function flushAll() {
    var flushing = Promise.all(sources().map(function (source) {
      return settle(source.flush && source.flush(), null);
    }));
    var timeout = new Promise(function (resolve) { setTimeout(resolve, FLUSH_TIMEOUT); });
    return Promise.race([flushing, timeout]);
  }

  window.IsokoOffline = {
    clearLearnerData: clearLearnerData,
    pendingCount: pendingCount,
    flushAll: flushAll,
    isLearnerCache: isLearnerCache
  };

  // -- whose data is on the phone ------------------------------------------------------------
  var meta = document.querySelector('meta[name="isoko-owner"]');
  var owner = meta ? meta.getAttribute("content") : "unknown";
  if (owner !== "unknown") {
    var previous = storage("get");
    if (owner === "") {
      // A visitor's page comes only from the network (the worker never stores one): whoever
      // was logged in on this phone no longer is.
      learnerCaches().then(function (names) {
        if (previous || names.length) return clearLearnerData();
      });
    } else if (previous && previous !== owner) {
      clearLearnerData().then(function () { storage("set", owner); });
    } else if (!previous) {
      storage("set", owner);
    }
  }

  // -- logging out ---------------------------------------------------------------------------
  function confirmText(waiting) {
    var status = document.querySelector("[data-sync-status]");
    var text = (status && status.dataset.logoutConfirm) ||
      "{n} steps have not synced yet; logging out deletes them from this phone. Log out anyway?";
    return text.replace("{n}", waiting);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.action || !/\/accounts\/logout\/$/.test(new URL(form.action, location.href).pathname)) {
      return;
    }
    if (form.dataset.offlineChecked) return;
    event.preventDefault();
    var before = navigator.onLine ? flushAll() : Promise.resolve();
    before.then(pendingCount).then(function (waiting) {
      if (waiting > 0 && !window.confirm(confirmText(waiting))) return;
      // The server's answer clears the rest too (Clear-Site-Data); this covers the browsers
      // that ignore it, and a logout sent while offline.
      return clearLearnerData().then(function () {
        form.dataset.offlineChecked = "1";
        form.submit();
      });
    });
  });

  // -- the worker ----------------------------------------------------------------------------
  if (!("serviceWorker" in navigator) || !script) return;
  navigator.serviceWorker.addEventListener("message", function (event) {
    if (event.data && event.data.type === "isoko:learner-changed") {
      deleteDatabases();
      if (event.data.owner) storage("set", event.data.owner);
      else storage("remove");
    }
  });
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      // The offline page in the language being read (the default one is stored at install).
      if (registration.active) {
        registration.active.postMessage({
          type: "isoko:offline-page",
          url: script.dataset.offlineUrl
        });
      }
    }).catch(function () { /* no worker: the site works as before */ });
  });
})();
