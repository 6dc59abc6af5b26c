// The offline page (templates/pwa/offline.html): lists what this phone holds, from the caches
// themselves. Saved courses: the meta.json entry each isoko-course:<pk>:<version> cache holds
// (/offline/courses/<pk>/meta.json, written by save-course.js); the dashboard as last seen
// (isoko-pages); the certificates opened (isoko-certificates). Words from data-* attributes.
(function () {
  "use strict";
  var box = document.querySelector("[data-offline-list]");
  if (!box || !("caches" in window)) return;
  var words = box.dataset;
  var retry = document.querySelector("[data-offline-retry]");
  if (retry) {
    retry.addEventListener("click", function (event) {
      event.preventDefault();
      location.reload();
    });
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function link(url, text) {
    return element("a", text, { href: url });
  }

  function sameOrigin(url) {
    try { return new URL(url, location.href).origin === location.origin; } catch (error) { return false; }
  }

  function courses(names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("isoko-course:") === 0;
    }).map(function (name) {
      var pk = name.split(":")[1];
      return caches.open(name).then(function (cache) {
        return cache.match("/offline/courses/" + pk + "/meta.json");
      }).then(function (response) {
        return response ? response.json() : null;
      }).catch(function () { return null; });
    })).then(function (metas) {
      return metas.filter(function (meta) { return meta && meta.title && sameOrigin(meta.url); });
    });
  }

  function certificates(names) {
    if (names.indexOf("isoko-certificates") < 0) return Promise.resolve([]);
    return caches.open("isoko-certificates").then(function (cache) {
      return cache.keys().then(function (requests) {
        var byCode = {};
        requests.forEach(function (request) {
          var match = /\/certificates\/verify\/([^/]+)\/(certificate\.pdf)?$/.exec(new URL(request.url).pathname);
          if (!match) return;
          var entry = byCode[match[1]] = byCode[match[1]] || { code: match[1] };
          entry[match[2] ? "pdf" : "page"] = request.url;
        });
        return Promise.all(Object.keys(byCode).map(function (code) {
          var entry = byCode[code];
          if (!entry.page) return entry;
          return cache.match(entry.page).then(function (response) { return response.text(); })
            .then(function (html) {
              var page = new DOMParser().parseFromString(html, "text/html");
              entry.title = page.title.replace(/\s·\s*Isoko$/, "");
              return entry;
            });
        }));
      });
    });
  }

  function dashboard(names) {
    if (names.indexOf("isoko-pages") < 0) return Promise.resolve(null);
    return caches.open("isoko-pages").then(function (cache) {
      return cache.keys();
    }).then(function (requests) {
      var found = requests.filter(function (request) {
        return /^\/(?:[a-z-]+\/)?dashboard\/$/.test(new URL(request.url).pathname);
      });
      return found.length ? found[found.length - 1].url : null;
    });
  }

  function savedOn(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    var lang = document.documentElement.lang || undefined;
    var text;
    try { text = date.toLocaleDateString(lang); } catch (error) { text = date.toDateString(); }
    return (words.courseSaved || "Saved on {date}").replace("{date}", text);
  }

  caches.keys().then(function (names) {
    return Promise.all([courses(names), dashboard(names), certificates(names)]);
  }).then(function (found) {
    var saved = found[0];
    var board = found[1];
    var certs = found[2];
    if (!saved.length && !board && !certs.length) return;
    var empty = box.querySelector("[data-offline-empty]");
    if (empty) empty.hidden = true;
    if (board) {
      var p = element("p");
      p.appendChild(link(board, words.dashboard || "Your dashboard"));
      box.appendChild(p);
    }
    if (saved.length) {
      box.appendChild(element("h3", words.courses || "Saved courses"));
      var list = element("ul", null, { "class": "offline-courses" });
      saved.forEach(function (meta) {
        var item = element("li");
        item.appendChild(link(meta.url, meta.title));
        var when = savedOn(meta.saved_at);
        if (when) item.appendChild(element("span", " — " + when, { "class": "meta" }));
        var lessons = (meta.lessons || []).filter(function (lesson) { return sameOrigin(lesson.url); });
        if (lessons.length) {
          var inner = element("ul", null, { "aria-label": (words.lessons || "Lessons") + ": " + meta.title });
          lessons.forEach(function (lesson) {
            var li = element("li");
            li.appendChild(link(lesson.url, lesson.title));
            inner.appendChild(li);
          });
          item.appendChild(inner);
        }
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (certs.length) {
      box.appendChild(element("h3", words.certificates || "Certificates"));
      var certList = element("ul", null, { "class": "offline-certificates" });
      certs.forEach(function (entry) {
        var item = element("li");
        var title = entry.title || entry.code.slice(0, 8);
        if (entry.page) item.appendChild(link(entry.page, title));
        else item.appendChild(element("span", title));
        if (entry.pdf) {
          item.appendChild(document.createTextNode(" · "));
          var pdf = link(entry.pdf, words.certificatePdf || "PDF");
          pdf.setAttribute("download", "");
          item.appendChild(pdf);
        }
        certList.appendChild(item);
      });
      box.appendChild(certList);
    }
  }).catch(function () { /* the empty state stays */ });
})();
