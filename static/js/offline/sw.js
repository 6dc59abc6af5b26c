// Isoko's service worker. config/pwa.py serves it at /sw.js (scope: the whole site) with
// self.ISOKO_SW = {version, static, staticPrefixes, offline, languages, defaultLanguage} above
// this line. Hand-written, no Workbox: docs/offline.md says why.
//
// Caches (the names are a contract between the helpers of issue 16: docs/offline.md):
//   isoko-static-v<version>  our CSS, JS and images, cache-first; the offline pages
//   isoko-pages              the learner's own pages (dashboard, outline...), refreshed online
//   isoko-certificates       certificate PDFs and verify pages the learner opened
//   isoko-course:<pk>:<ver>  one per saved course (static/js/offline/save-course.js): never
//                            touched here except to clear them when the learner changes
// Never cached: anything but GET, the admin, the account pages, /api/, another origin, and the
// pages of a visitor who is not logged in. The pages stored belong to one learner (the
// "isoko-owner" meta tag of each page): when another one, or nobody, is seen online, every
// learner cache is dropped before anything else is stored or shown.
(function () {
  "use strict";
  var CONFIG = self.ISOKO_SW;
  var STATIC = "isoko-static-v" + CONFIG.version;
  var PAGES = "isoko-pages";
  var CERTIFICATES = "isoko-certificates";
  var COURSE = "isoko-course:";
  var OWNER_KEY = "/offline/owner";
  var MAX_PAGES = 60; // the learner's pages kept, oldest dropped first
  var NAVIGATION_TIMEOUT = 4000; // ms: past it, a stored copy is shown (the network goes on)
  var languages = CONFIG.languages.join("|").replace(/-/g, "\\-");
  var NEVER = new RegExp(
    "^/(?:(?:" + languages + ")/)?(?:admin|django-admin|accounts|api|i18n|_util)(?:/|$)|" +
      "^/(?:sw\\.js|manifest\\.webmanifest|healthz|metrics|marketplace/)"
  );
  var CERTIFICATE = /^\/certificates\/verify\/[A-Za-z0-9_-]{20,40}\/(?:certificate\.pdf|credential\.json)?$/;
  var LANGUAGE_PREFIX = new RegExp("^/(" + languages + ")/");
  var OWNER_META = /<meta name="isoko-owner" content="([^"]*)">/;
  var owner = null; // the learner whose pages are stored: null until read from PAGES

  function isLearnerCache(name) {
    return name === PAGES || name === CERTIFICATES || name.indexOf(COURSE) === 0;
  }

  function storedOwner() {
    if (owner !== null) return Promise.resolve(owner);
    return caches
      .open(PAGES)
      .then(function (cache) { return cache.match(OWNER_KEY); })
      .then(function (response) { return response ? response.text() : ""; })
      .then(function (text) { owner = text; return text; });
  }

  // The learner changed (another logged in, or nobody is): drop every learner cache, and tell
  // the open pages (register.js also deletes the IndexedDB queues there).
  function forgetLearner(next) {
    return caches
      .keys()
      .then(function (names) {
        return Promise.all(names.filter(isLearnerCache).map(function (name) {
          return caches.delete(name);
        }));
      })
      .then(function () {
        owner = next;
        if (!next) return;
        return caches.open(PAGES).then(function (cache) {
          return cache.put(OWNER_KEY, new Response(next));
        });
      })
      .then(function () { return self.clients.matchAll({ type: "window" }); })
      .then(function (clients) {
        clients.forEach(function (client) {
          client.postMessage({ type: "isoko:learner-changed", owner: next || "" });
        });
      });
  }

  // Called with the owner token of a page just fetched online.
  function seeOwner(token) {
    return storedOwner().then(function (current) {
      if (token === current) return;
      if (!current && !token) return;
      if (!current) {
        owner = token;
        return caches.open(PAGES).then(function (cache) {
          return cache.put(OWNER_KEY, new Response(token));
        });
      }
      return forgetLearner(token);
    });
  }

  function offlineUrl(url) {
    var match = LANGUAGE_PREFIX.exec(url.pathname);
    return CONFIG.offline[match ? match[1] : CONFIG.defaultLanguage];
  }

  function cacheOfflinePage(url) {
    return caches.open(STATIC).then(function (cache) {
      return cache.match(url).then(function (found) {
        if (found) return;
        // Without cookies: the stored page is nobody's (no name, no messages, no token).
        return fetch(new Request(url, { credentials: "omit" })).then(function (response) {
          if (response.ok) return cache.put(url, response);
        });
      });
    });
  }

  self.addEventListener("install", function (event) {
    event.waitUntil(
      caches
        .open(STATIC)
        .then(function (cache) { return cache.addAll(CONFIG.static); })
        .then(function () {
          return cacheOfflinePage(CONFIG.offline[CONFIG.defaultLanguage]);
        })
        .then(function () { return self.skipWaiting(); })
    );
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      caches
        .keys()
        .then(function (names) {
          return Promise.all(names.filter(function (name) {
            return name.indexOf("isoko-static-v") === 0 && name !== STATIC;
          }).map(function (name) { return caches.delete(name); }));
        })
        .then(function () { return self.clients.claim(); })
    );
  });

  self.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "isoko:offline-page" && typeof data.url === "string") {
      var url = new URL(data.url, self.location.origin);
      if (url.origin === self.location.origin && offlineUrl(url) === url.pathname) {
        event.waitUntil(cacheOfflinePage(url.pathname));
      }
    }
  });

  function noStore(response) {
    return /(^|,)\s*no-store\b/i.test(response.headers.get("Cache-Control") || "");
  }

  function storable(response) {
    return response.ok && response.type === "basic" && response.status === 200 &&
      !response.redirected;
  }

  // Oldest first (the order of cache.keys()): keep the newest MAX_PAGES.
  function trim(cache) {
    return cache.keys().then(function (keys) {
      var pages = keys.filter(function (key) {
        return new URL(key.url).pathname !== OWNER_KEY;
      });
      return Promise.all(pages.slice(0, Math.max(0, pages.length - MAX_PAGES)).map(function (key) {
        return cache.delete(key);
      }));
    });
  }

  // A learner's page fetched online: kept in isoko-pages, if it is a learner's.
  function rememberPage(request, response) {
    if (!storable(response) || noStore(response)) return Promise.resolve();
    if ((response.headers.get("Content-Type") || "").indexOf("text/html") !== 0) {
      return Promise.resolve();
    }
    return response.text().then(function (html) {
      var match = OWNER_META.exec(html.slice(0, 4096));
      if (!match || match[1] === "unknown") return;
      var token = match[1];
      return seeOwner(token).then(function () {
        if (!token) return; // a visitor's page: nobody's to keep
        return caches.open(PAGES).then(function (cache) {
          var copy = new Response(html, {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers
          });
          // Delete first, so that a page seen again moves to the newest end.
          return cache.delete(request.url)
            .then(function () { return cache.put(request.url, copy); })
            .then(function () { return trim(cache); });
        });
      });
    });
  }

  // Certificates: the learner's own, kept even though the PDF says no-store (the contract's
  // one exception: a certificate must open on the phone without a connection).
  function rememberCertificate(request, response) {
    if (!storable(response)) return Promise.resolve();
    return storedOwner().then(function (current) {
      if (!current) return; // nobody is logged in on this phone: nothing to keep for them
      return caches.open(CERTIFICATES).then(function (cache) {
        return cache.put(request.url, response);
      });
    });
  }

  function fromCaches(request) {
    return caches.match(request, { ignoreVary: true }).then(function (response) {
      if (!response) return undefined;
      // The owner entry is not a page.
      return new URL(request.url).pathname === OWNER_KEY ? undefined : response;
    });
  }

  function offlinePage(request) {
    var url = offlineUrl(new URL(request.url));
    return caches.match(url).then(function (page) {
      return page || caches.match(CONFIG.offline[CONFIG.defaultLanguage]);
    }).then(function (page) {
      return page || Response.error();
    });
  }

  // Network first; a stored copy when the network fails, answers 5xx from a proxy, or is slower
  // than NAVIGATION_TIMEOUT; the offline page when nothing is stored.
  function networkFirst(event, remember, fallback) {
    var request = event.request;
    var network = fetch(request);
    event.waitUntil(
      network.then(function (response) {
        return remember(request, response.clone());
      }).catch(function () {})
    );
    return fallback(request).then(function (cached) {
      if (!cached) {
        return network.catch(function () {
          return request.mode === "navigate" ? offlinePage(request) : Response.error();
        });
      }
      return new Promise(function (resolve) {
        var timer = setTimeout(function () { resolve(cached); }, NAVIGATION_TIMEOUT);
        network.then(function (response) {
          clearTimeout(timer);
          resolve(response.status >= 502 && response.status <= 504 ? cached : response);
        }, function () {
          clearTimeout(timer);
          resolve(cached);
        });
      });
    });
  }

  function cacheFirst(request) {
    return caches.open(STATIC).then(function (cache) {
      return cache.match(request).then(function (cached) {
        if (cached) return cached;
        return fetch(request).then(function (response) {
          if (storable(response) && !noStore(response)) cache.put(request, response.clone());
          return response;
        });
      });
    });
  }

  function isStatic(url) {
    return CONFIG.staticPrefixes.some(function (prefix) {
      return url.pathname.indexOf(prefix) === 0;
    });
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET" || request.headers.has("range")) return;
    var url = new URL(request.url);
    if (url.origin !== self.location.origin || NEVER.test(url.pathname)) return;
    if (isStatic(url)) {
      event.respondWith(cacheFirst(request));
    } else if (CERTIFICATE.test(url.pathname)) {
      event.respondWith(networkFirst(event, rememberCertificate, function (req) {
        return caches.open(CERTIFICATES).then(function (cache) { return cache.match(req.url); });
      }));
    } else if (request.mode === "navigate") {
      event.respondWith(networkFirst(event, rememberPage, fromCaches));
    } else {
      // Images, documents and data of saved courses: the network, else any stored copy.
      event.respondWith(fetch(request).catch(function () {
        return fromCaches(request).then(function (cached) { return cached || Response.error(); });
      }));
    }
  });
})();
