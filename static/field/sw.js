/* The field app's service worker (served at /field/sw.js, scope /field/).
   The app shell (styles, scripts, icons) is kept in a cache named after its version;
   the pages of the agent's visits are kept by the page (field.js) in "field-pages" and
   answered from there when the network is gone. Posts are never touched: drafts and
   submissions made offline wait in the phone's outbox (IndexedDB), not here. */
"use strict";

var CONFIG = __FIELD_CONFIG__;
var SHELL = "field-shell-" + CONFIG.version;
var PAGES = "field-pages";

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
        return name.indexOf("field-shell-") === 0 && name !== SHELL;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function offlinePage() {
  var html = "<!DOCTYPE html><meta charset=utf-8><meta name=viewport " +
    "content='width=device-width, initial-scale=1'><title>Çevrimdışı · Offline</title>" +
    "<p>Bu sayfa telefonda saklı değil; ağ gelince yeniden deneyin.</p>" +
    "<p>This page is not kept on the phone; try again once the network is back.</p>" +
    "<p><a href='" + self.registration.scope + "'>← /field/</a></p>";
  return new Response(html, { status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function fromNetworkThenPages(request) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      // Only pages the phone already keeps are refreshed: the list stays bounded, and a
      // phone cleared at logout stays cleared (caches.match never creates a cache).
      caches.match(request.url, { cacheName: PAGES }).then(function (kept) {
        if (kept) {
          return caches.open(PAGES).then(function (cache) { return cache.put(request.url, copy); });
        }
      });
    }
    return response;
  }).catch(function () {
    return caches.match(request.url, { cacheName: PAGES, ignoreSearch: true })
      .then(function (kept) { return kept || offlinePage(); });
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
  if (request.mode === "navigate" && url.pathname.indexOf(self.registration.scope
      .replace(self.location.origin, "")) === 0) {
    event.respondWith(fromNetworkThenPages(request));
  }
});
