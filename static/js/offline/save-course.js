// "Save this course for offline" (docs/offline.md, "Saving a course").
// Each widget (templates/lms/includes/save_offline.html) asks the server for the course's pack
// (GET /learn/courses/<id>/offline/: {course, title, url, version, low_data, total_bytes,
// items: [{url, bytes, kind}], lessons}), shows its size before anything is downloaded, then
// fetches every item into the cache "isoko-course:<pk>:<version>". The entry
// "/offline/courses/<pk>/meta.json" is written LAST: a cache with it is complete, one without
// it is a download that stopped (deleted on the next visit). An update downloads into a new
// cache and deletes the old one only once the new one is complete: never a mixed version.
// Without Cache Storage or service workers the widget stays hidden.
(function () {
  "use strict";
  if (!("caches" in window) || !("serviceWorker" in navigator)) return;
  var widgets = document.querySelectorAll("[data-save-offline]");
  if (!widgets.length) return;

  var PREFIX = "isoko-course:";
  var PARALLEL = 3;
  var ITEM_TIMEOUT_MS = 60000;

  function metaUrl(pk) { return "/offline/courses/" + pk + "/meta.json"; }

  function megabytes(bytes) {
    if (bytes < 100 * 1024) return Math.max(1, Math.round(bytes / 1024)) + " KB";
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  // The complete saved version of a course ({name, meta}) and any other caches of it.
  function savedCourse(pk) {
    var prefix = PREFIX + pk + ":";
    return caches.keys().then(function (names) {
      names = names.filter(function (name) { return name.indexOf(prefix) === 0; });
      return Promise.all(names.map(function (name) {
        return caches.open(name).then(function (cache) {
          return cache.match(metaUrl(pk));
        }).then(function (response) {
          return response ? response.json().then(function (meta) {
            return {name: name, meta: meta};
          }) : {name: name, meta: null};
        });
      }));
    }).then(function (found) {
      var complete = found.filter(function (entry) { return entry.meta; });
      complete.sort(function (a, b) { return a.meta.saved_at < b.meta.saved_at ? 1 : -1; });
      return {
        saved: complete[0] || null,
        others: found.filter(function (entry) { return entry !== complete[0]; })
      };
    });
  }

  // A response as stored: same body and type, without Vary (a navigation must match it
  // whatever headers the fetch sent) and without Set-Cookie.
  function storable(response) {
    return response.blob().then(function (body) {
      var headers = new Headers();
      response.headers.forEach(function (value, key) {
        if (key !== "vary" && key !== "set-cookie") headers.set(key, value);
      });
      return {size: body.size, response: new Response(body, {
        status: response.status, statusText: response.statusText, headers: headers
      })};
    });
  }

  function Widget(root) {
    this.root = root;
    this.t = root.dataset;
    this.pk = root.dataset.course;
    this.status = root.querySelector("[data-status]");
    // The progress bar is made here, not in the HTML: without the script there is nothing to
    // show, and the dashboard's progress bars stay the learner's course progress only.
    this.progress = document.createElement("progress");
    this.progress.className = "progress";
    this.progress.setAttribute("data-save-progress", "");
    this.progress.max = 100;
    this.progress.value = 0;
    this.progress.hidden = true;
    this.progress.setAttribute("aria-label", root.dataset.tProgress || "");
    root.querySelector(".save-offline-actions").after(this.progress);
    this.storage = root.querySelector("[data-storage]");
    this.saveButton = root.querySelector("[data-action=save]");
    this.updateButton = root.querySelector("[data-action=update]");
    this.removeButton = root.querySelector("[data-action=remove]");
    this.documentsRow = root.querySelector("[data-documents-row]");
    this.documents = root.querySelector("[data-documents]");
    this.pack = null;
    this.saved = null;
    this.busy = false;
    var self = this;
    this.saveButton.addEventListener("click", function () { self.onSave(); });
    this.updateButton.addEventListener("click", function () { self.download(true); });
    this.removeButton.addEventListener("click", function () { self.remove(); });
    this.documents.addEventListener("change", function () { self.offer(); });
    root.hidden = false;
    this.refresh();
  }

  Widget.prototype.say = function (text) { this.status.textContent = text; };

  Widget.prototype.counts = function (items) {
    var lessons = (this.pack.lessons || []).filter(function (l) {
      return l.kind !== "quiz";
    }).length;
    var images = items.filter(function (i) { return i.kind === "image"; }).length;
    return {
      lessons: fill(lessons === 1 ? this.t.tLessonsOne : this.t.tLessonsMany, {n: lessons}),
      images: fill(images === 1 ? this.t.tImagesOne : this.t.tImagesMany, {n: images})
    };
  };

  // The rendition this phone's browser will ask for: the smallest at least as wide as the
  // image's slot (the page's width, at most the lesson column's 44rem) times the density.
  function forThisPhone(item) {
    if (!item.candidates || !item.candidates.length) return item;
    var target = Math.min(window.innerWidth || 400, 704) * (window.devicePixelRatio || 1);
    var sorted = item.candidates.filter(function (c) { return c.width; }).sort(function (a, b) {
      return a.width - b.width;
    });
    if (!sorted.length) return item;
    var chosen = null;
    for (var i = 0; i < sorted.length && !chosen; i++) {
      if (sorted[i].width >= target) chosen = sorted[i];
    }
    if (!chosen) {
      var widest = sorted[sorted.length - 1].width;
      chosen = sorted.filter(function (c) { return c.width === widest; })[0];
    }
    return {url: chosen.url, bytes: chosen.bytes, kind: item.kind};
  }

  // The items to download: documents only when the learner asked for them; images at this
  // phone's width.
  Widget.prototype.wanted = function () {
    var withDocuments = this.documents.checked;
    var seen = {};
    return this.pack.items.filter(function (item) {
      return item.kind !== "document" || withDocuments;
    }).map(forThisPhone).filter(function (item) {
      if (seen[item.url]) return false;
      seen[item.url] = true;
      return true;
    });
  };

  Widget.prototype.total = function (items) {
    return items.reduce(function (sum, item) { return sum + item.bytes; }, 0);
  };

  // Refresh what is shown: the saved version (from its meta.json), then the server's pack.
  Widget.prototype.refresh = function () {
    var self = this;
    return savedCourse(this.pk).then(function (found) {
      self.saved = found.saved;
      // Caches of a download that stopped (no meta.json), or an old version left over.
      found.others.forEach(function (entry) {
        if (!self.busy) caches.delete(entry.name);
      });
      self.removeButton.hidden = !self.saved;
      self.showStorage();
      if (!navigator.onLine) {
        self.say(self.saved ? self.t.tOfflineSaved : self.t.tOffline);
        self.saveButton.hidden = true;
        return null;
      }
      if (self.saved) {
        self.saveButton.hidden = true;
        self.say(fill(self.t.tSaved, {size: megabytes(self.saved.meta.bytes)}));
        return self.fetchPack(true).then(function () {
          return self.checkStale();
        });
      }
      if ("eager" in self.t) return self.fetchPack().then(function () { self.offer(); });
      self.saveButton.textContent = self.t.tSave;
      return null;
    }).catch(function (error) {
      if (self.saved && !error.refused) {
        // Could not ask whether it changed (the link dropped): the saved copy still opens.
        self.say(fill(self.t.tSaved, {size: megabytes(self.saved.meta.bytes)}));
        return;
      }
      self.fail(error, false, true);
    });
  };

  // quiet: a saved course's background check for a newer version keeps its status line.
  Widget.prototype.fetchPack = function (quiet) {
    var self = this;
    if (!quiet) this.say(this.t.tChecking);
    return fetch(this.t.packUrl, {
      credentials: "same-origin", headers: {"Accept": "application/json"}, cache: "no-store"
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          var error = new Error(body.error || response.statusText);
          error.refused = true;
          throw error;
        }
        self.pack = body;
        var documents = body.items.filter(function (i) { return i.kind === "document"; });
        self.documentsRow.hidden = !documents.length;
        self.root.querySelector("[data-documents-label]").textContent =
          fill(self.t.tDocuments, {size: megabytes(self.total(documents))});
        if (!quiet) self.say("");
        return body;
      });
    });
  };

  // Before anything is downloaded: the size, what it holds.
  Widget.prototype.offer = function () {
    if (!this.pack || this.saved) return;
    var items = this.wanted();
    var counts = this.counts(items);
    this.saveButton.hidden = false;
    this.saveButton.textContent = fill(this.t.tOffer, {
      size: megabytes(this.total(items)), lessons: counts.lessons, images: counts.images
    });
  };

  Widget.prototype.onSave = function () {
    var self = this;
    if (this.busy) return;
    if (!this.pack) {
      // The dashboard fetches the pack on demand: the first press shows the size.
      this.fetchPack().then(function () { self.offer(); self.saveButton.focus(); })
        .catch(function (error) { self.fail(error, false, true); });
      return;
    }
    this.download(false);
  };

  // What the stale version would cost: every page again (each shows the outline), and the
  // files the saved version does not hold.
  Widget.prototype.updatePlan = function () {
    var self = this;
    var items = this.wanted();
    if (this.saved && this.saved.meta.documents === false) {
      items = items.filter(function (i) { return i.kind !== "document"; });
    }
    return caches.open(this.saved.name).then(function (old) {
      return Promise.all(items.map(function (item) {
        if (item.kind === "page") return {item: item, from: null};
        return old.match(item.url).then(function (hit) {
          return {item: item, from: hit ? old : null};
        });
      }));
    }).then(function (plan) {
      self.plan = plan;
      return plan;
    });
  };

  Widget.prototype.checkStale = function () {
    var self = this;
    if (!this.saved || !this.pack) return null;
    this.documents.checked = this.saved.meta.documents === true;
    if (this.saved.meta.version === this.pack.version) {
      this.updateButton.hidden = true;
      return null;
    }
    return this.updatePlan().then(function (plan) {
      var bytes = plan.reduce(function (sum, step) {
        return sum + (step.from ? 0 : step.item.bytes);
      }, 0);
      self.updateButton.hidden = false;
      self.updateButton.textContent = fill(self.t.tStale, {size: megabytes(bytes)});
      self.say(fill(self.t.tStale, {size: megabytes(bytes)}));
    });
  };

  Widget.prototype.showProgress = function (template, done, total) {
    var percent = total ? Math.min(100, Math.round(done * 100 / total)) : 100;
    this.progress.hidden = false;
    this.progress.value = percent;
    this.progress.setAttribute("aria-valuetext", percent + "%");
    // The live region is updated in steps of 10%: a screen reader is not flooded.
    var step = Math.floor(percent / 10);
    if (step !== this.lastStep || percent === 100) {
      this.lastStep = step;
      this.say(fill(template, {done: megabytes(done), size: megabytes(total), percent: percent}));
    }
  };

  // Download the pack into a new cache; on success write meta.json, then delete the old
  // version. On any failure delete the new cache and keep the old one.
  Widget.prototype.download = function (isUpdate) {
    var self = this;
    if (this.busy || !this.pack) return null;
    this.busy = true;
    var pack = this.pack;
    var name = PREFIX + this.pk + ":" + pack.version;
    var previous = this.saved;
    var template = isUpdate ? this.t.tUpdating : this.t.tDownloading;
    var planned = isUpdate && previous ? (this.plan ? Promise.resolve(this.plan) : this.updatePlan())
      : Promise.resolve(this.wanted().map(function (item) { return {item: item, from: null}; }));
    var needed = 0;
    var done = 0;
    var stored = 0;
    this.saveButton.disabled = this.updateButton.disabled = this.removeButton.disabled = true;
    this.root.setAttribute("aria-busy", "true");
    this.lastStep = -1;

    return planned.then(function (plan) {
      needed = plan.reduce(function (sum, s) { return sum + (s.from ? 0 : s.item.bytes); }, 0);
      return self.roomFor(needed).then(function () {
        if (previous && previous.name === name) return caches.delete(name);
        return null;
      }).then(function () {
        return caches.open(name);
      }).then(function (cache) {
        self.showProgress(template, 0, needed);
        var queue = plan.slice();
        // The first item that fails ends the whole save: the other parallel downloads are
        // aborted and take nothing more from the queue. Before, they went on fetching into the
        // cache being deleted and their progress replaced the failure's message (and showed the
        // bar again) although nothing was being saved any more.
        var failed = false;
        var inFlight = [];
        function stop(error) {
          if (!failed) {
            failed = true;
            inFlight.forEach(function (c) { c.abort(); });
          }
          throw error;
        }
        function next() {
          if (failed) return Promise.resolve();
          var step = queue.shift();
          if (!step) return Promise.resolve();
          var item = step.item;
          // A request that hangs on a dropped link is given up after ITEM_TIMEOUT_MS (its body
          // too): the save stops and says so instead of waiting at 96% for ever.
          var controller = step.from || !window.AbortController ? null : new AbortController();
          if (controller) inFlight.push(controller);
          var timer = controller ? setTimeout(function () { controller.abort(); }, ITEM_TIMEOUT_MS)
            : null;
          var got = step.from ? step.from.match(item.url) : fetch(item.url, {
            credentials: "same-origin", cache: "no-cache",
            headers: item.kind === "page" ? {"Accept": "text/html"} : {},
            signal: controller ? controller.signal : undefined
          }).then(function (response) {
            if (response.redirected || !response.ok) {
              var error = new Error(response.redirected ? self.t.tLoggedOut
                : response.status + " " + item.url);
              throw error;
            }
            return response;
          });
          return got.then(storable).then(function (copy) {
            clearTimeout(timer);
            return copy;
          }, function (error) {
            clearTimeout(timer);
            throw error;
          }).then(function (copy) {
            if (failed) return null;  // another item failed: this save is over
            return cache.put(item.url, copy.response).then(function () {
              stored += copy.size;
              if (!step.from && !failed) {
                done += item.bytes;
                self.showProgress(template, done, needed);
              }
            });
          }).then(function () {
            if (controller) inFlight.splice(inFlight.indexOf(controller), 1);
            return next();
          }, stop);
        }
        var workers = [];
        for (var i = 0; i < PARALLEL; i++) workers.push(next());
        return Promise.all(workers).then(function () {
          var meta = {
            course: pack.course, title: pack.title, url: pack.url, version: pack.version,
            saved_at: new Date().toISOString(), bytes: stored, low_data: pack.low_data,
            documents: self.documents.checked,
            lessons: (pack.lessons || []).map(function (l) {
              return {pk: l.pk, title: l.title, url: l.url};
            })
          };
          return cache.put(metaUrl(self.pk), new Response(JSON.stringify(meta), {
            headers: {"Content-Type": "application/json"}
          })).then(function () { return meta; });
        });
      });
    }).then(function (meta) {
      // Complete: only now does the old version go.
      var old = previous && previous.name !== name ? caches.delete(previous.name) : null;
      return Promise.resolve(old).then(function () {
        if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
        self.saved = {name: name, meta: meta};
        self.plan = null;
        self.progress.value = 100;
        self.say(isUpdate ? self.t.tUpdated
          : fill(self.t.tSaved, {size: megabytes(meta.bytes)}));
        self.saveButton.hidden = self.updateButton.hidden = true;
        self.removeButton.hidden = false;
        self.showStorage();
        self.root.dispatchEvent(new CustomEvent("isoko:course-saved", {
          bubbles: true, detail: meta
        }));
      });
    }).catch(function (error) {
      var cleanup = (!previous || previous.name !== name) ? caches.delete(name) : null;
      return Promise.resolve(cleanup).then(function () {
        self.progress.hidden = true;
        self.fail(error, isUpdate && previous);
      });
    }).then(function () {
      self.busy = false;
      self.root.removeAttribute("aria-busy");
      self.saveButton.disabled = self.updateButton.disabled = self.removeButton.disabled = false;
    });
  };

  // Refuse to start a download the phone has no room for (the browser's own estimate).
  Widget.prototype.roomFor = function (bytes) {
    if (!navigator.storage || !navigator.storage.estimate) return Promise.resolve();
    return navigator.storage.estimate().catch(function () { return null; }).then(function (e) {
      if (e && e.quota && e.quota - (e.usage || 0) < bytes) {
        var error = new Error("quota");
        error.name = "QuotaExceededError";
        error.needed = bytes;
        throw error;
      }
    });
  };

  Widget.prototype.fail = function (error, keptOld, checking) {
    var reason;
    if (error && error.name === "QuotaExceededError") {
      this.say(fill(this.t.tNoSpace, {size: megabytes(error.needed || this.total(this.wanted()))}));
      return;
    }
    if (error && error.refused) {
      this.say(fill(this.t.tRefused, {reason: error.message}));
      this.saveButton.hidden = true;
      return;
    }
    // A fetch that failed or was given up (AbortError, ITEM_TIMEOUT_MS) is the link's doing.
    reason = error && error.message && error.message !== "Failed to fetch" &&
      error.name !== "AbortError" ? error.message : this.t.tNetwork;
    var template = checking ? this.t.tCheckFailed : keptOld ? this.t.tKeptOld : this.t.tFailed;
    this.say(fill(template, {reason: reason}));
  };

  Widget.prototype.remove = function () {
    var self = this;
    var prefix = PREFIX + this.pk + ":";
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(prefix) === 0;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () {
      self.saved = null;
      self.removeButton.hidden = self.updateButton.hidden = true;
      self.progress.hidden = true;
      self.say(self.t.tRemoved);
      self.showStorage();
      if (self.pack) self.offer(); else self.saveButton.hidden = false;
      self.saveButton.focus();
      self.root.dispatchEvent(new CustomEvent("isoko:course-removed", {
        bubbles: true, detail: {course: Number(self.pk)}
      }));
    });
  };

  Widget.prototype.showStorage = function () {
    var self = this;
    if (!this.saved) { this.storage.textContent = ""; return; }
    var mine = megabytes(this.saved.meta.bytes);
    if (!navigator.storage || !navigator.storage.estimate) {
      this.storage.textContent = fill(this.t.tStorage, {size: mine, used: "?", free: "?"});
      return;
    }
    navigator.storage.estimate().then(function (estimate) {
      self.storage.textContent = fill(self.t.tStorage, {
        size: mine, used: megabytes(estimate.usage || 0), free: megabytes(estimate.quota || 0)
      });
    });
  };

  var all = Array.prototype.map.call(widgets, function (root) { return new Widget(root); });
  // Back online: ask again once the link has held for a moment (a flapping link would
  // otherwise start a check at each flap).
  var onlineTimer = null;
  window.addEventListener("online", function () {
    clearTimeout(onlineTimer);
    onlineTimer = setTimeout(function () {
      if (!navigator.onLine) return;
      all.forEach(function (widget) { if (!widget.busy) widget.refresh(); });
    }, 3000);
  });
  window.addEventListener("offline", function () {
    all.forEach(function (widget) { if (!widget.busy) widget.refresh(); });
  });
})();
