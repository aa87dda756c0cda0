/* The field app's service worker (served at /field/sw.js, scope /field/).
   The app shell (styles, scripts, icons) is kept in a cache named after its version; the
   pages of the logged-in agent's visits are kept by the page (field.js) in
   "field-pages-<agent>" and answered from there when the network is gone. Posts are never
   touched here: drafts, submissions and photos wait in the agent's sealed outbox
   (IndexedDB, store.js), which this worker also sends when the browser wakes it for
   Background Sync. A logout made offline is sent by this worker at the next connection;
   until then every page of the scope answers "logged out". */
"use strict";

var CONFIG = __FIELD_CONFIG__;
var SHELL = "field-shell-" + CONFIG.version;

importScripts(CONFIG.store, CONFIG.sender);

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) { return cache.addAll(CONFIG.shell); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return (name.indexOf("field-shell-") === 0 && name !== SHELL) || name === "field-pages";
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function page(status, lines) {
  var html = "<!DOCTYPE html><html lang=" + CONFIG.lang + " dir=" + CONFIG.dir + "><meta charset=utf-8><meta name=viewport " +
    "content='width=device-width, initial-scale=1'><title>" + CONFIG.strings.title +
    "</title><link rel=stylesheet href='" + CONFIG.css + "'><header class=bar><a class=brand " +
    "href='" + self.registration.scope + "'>" + CONFIG.strings.brand + "</a></header>" +
    "<main id=main><div class=card>" + lines.map(function (line) {
      return "<p>" + line + "</p>";
    }).join("") + "<p><a class=button href='" + self.registration.scope + "'>" +
    CONFIG.strings.retry + "</a></p></div></main></html>";
  return new Response(html, { status: status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/* The logout queued offline, sent now if the network allows. Resolves true once the
   server has it (or nothing waited). */
function sendLogout() {
  return FieldStore.getMeta("logout").then(function (waiting) {
    if (!waiting) { return true; }
    return fetch(waiting.url, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: { "X-CSRFToken": waiting.csrf, "Content-Type": "application/x-www-form-urlencoded" },
      body: "csrfmiddlewaretoken=" + encodeURIComponent(waiting.csrf),
    }).then(function (response) {
      if (response.type !== "opaqueredirect" && !response.ok && response.status !== 403) {
        return false;
      }
      // 403: the session had ended (and its CSRF cookie with it) — nothing left to end.
      return FieldStore.deleteMeta("logout").then(function () { return true; });
    }, function () { return false; });
  });
}

function keptPage(request) {
  return FieldStore.resume().then(function (session) {
    if (!session || !FieldStore.unlocked()) { return null; }
    return caches.match(request.url, { cacheName: "field-pages-" + session.owner,
                                       ignoreSearch: true });
  });
}

function fromNetworkThenPages(request) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      // Only pages the phone already keeps are refreshed: the list stays bounded, and a
      // phone locked at logout stays locked (caches.match never creates a cache).
      FieldStore.resume().then(function (session) {
        if (!session) { return; }
        var name = "field-pages-" + session.owner;
        return caches.match(request.url, { cacheName: name }).then(function (kept) {
          if (kept) {
            return caches.open(name).then(function (cache) { return cache.put(request.url, copy); });
          }
        });
      });
    }
    return response;
  }).catch(function () {
    return keptPage(request).then(function (kept) {
      return kept || page(503, [CONFIG.strings.not_kept]);
    });
  });
}

function navigate(request) {
  return FieldStore.getMeta("logout").then(function (waiting) {
    if (!waiting) { return fromNetworkThenPages(request); }
    return sendLogout().then(function (sent) {
      if (sent) { return Response.redirect(CONFIG.login, 303); }
      return page(200, [CONFIG.strings.logged_out_offline]);
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (CONFIG.shell.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(request, { cacheName: SHELL }).then(function (hit) {
      return hit || fetch(request);
    }));
    return;
  }
  if (request.mode === "navigate" && url.pathname.indexOf(new URL(self.registration.scope)
      .pathname) === 0) {
    event.respondWith(navigate(request));
  }
});

function tellPages() {
  return self.clients.matchAll({ type: "window" }).then(function (pages) {
    pages.forEach(function (client) { client.postMessage("outbox-changed"); });
  });
}

/* Background Sync: the browser wakes this worker when the network is back, also with no
   field page open. A stop (no network, hung request) rejects so that the browser retries. */
self.addEventListener("sync", function (event) {
  if (event.tag === "field-logout") {
    event.waitUntil(sendLogout().then(function (sent) {
      if (!sent) { throw new Error("logout waits"); }
    }));
    return;
  }
  if (event.tag !== "field-outbox") { return; }
  event.waitUntil(FieldStore.resume().then(function (session) {
    if (!session || !FieldStore.unlocked()) { return null; }
    return FieldSender.run();
  }).then(function (stopped) {
    return tellPages().then(function () {
      if (stopped && stopped.code !== "locked" && stopped.code !== "log_in_again") {
        throw new Error(stopped.code);
      }
    });
  }));
});
