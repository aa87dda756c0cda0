/* Every field page: installs the service worker, keeps the pages of the agent's own
   visits on the phone while online, and clears the phone at logout. */
(function () {
  "use strict";

  var PAGES = "field-pages";
  var root = document.documentElement;

  function keepPages(bundleUrl) {
    return fetch(bundleUrl, { credentials: "same-origin", cache: "no-store",
                              redirect: "manual" })
      .then(function (response) {
        if (!response.ok) { throw new Error("bundle " + response.status); }
        return response.json();
      })
      .then(function (bundle) {
        return caches.open(PAGES).then(function (cache) {
          var wanted = bundle.pages.map(function (path) {
            return new URL(path, location.href).href;
          });
          return cache.keys().then(function (keys) {
            // Visits no longer assigned (or done) leave the phone.
            return Promise.all(keys.filter(function (request) {
              return wanted.indexOf(request.url) < 0;
            }).map(function (request) { return cache.delete(request); }));
          }).then(function () {
            return Promise.all(wanted.map(function (url) {
              // A page that answers with a redirect (session ended) is not kept.
              return fetch(url, { credentials: "same-origin", cache: "no-store",
                                  redirect: "manual" })
                .then(function (response) {
                  if (response.status === 200) { return cache.put(url, response); }
                });
            }));
          }).then(function () { return bundle.visits.length; });
        });
      });
  }

  function setUp() {
    var body = document.body;
    if (!("serviceWorker" in navigator) || !body.dataset.sw) { return; }
    navigator.serviceWorker.register(body.dataset.sw, { scope: body.dataset.scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function () {
        if (!body.dataset.bundle || !navigator.onLine) { return null; }
        return keepPages(body.dataset.bundle);
      })
      .then(function (count) {
        if (count !== null && count !== undefined) { root.dataset.visitsKept = count; }
        root.dataset.offlineReady = "1";
      })
      .catch(function () {
        root.dataset.offlineReady = "0";
      });
  }

  function clearPhone(event) {
    var form = event.target;
    if (form.dataset.cleared) { return; }
    event.preventDefault();
    var store = window.FieldStore;
    var waiting = store && store.available
      ? store.outbox().then(function (items) {
        return items.filter(function (i) { return i.state !== "sent"; }).length;
      }).catch(function () { return 0; })
      : Promise.resolve(0);
    waiting.then(function (count) {
      if (count && !window.confirm(window.FieldOutbox.t("logout_unsent", { count: count }))) {
        return false;
      }
      var clearing = [];
      if (store && store.available) { clearing.push(store.clearAll().catch(function () {})); }
      if (navigator.serviceWorker) {
        clearing.push(navigator.serviceWorker.getRegistrations().then(function (found) {
          return Promise.all(found.map(function (r) { return r.unregister(); }));
        }));
      }
      if (window.caches) {
        clearing.push(caches.keys().then(function (names) {
          return Promise.all(names.map(function (name) { return caches.delete(name); }));
        }));
      }
      return Promise.all(clearing).then(function () { return true; });
    }).then(function (leave) {
      if (leave) {
        form.dataset.cleared = "1";
        form.submit();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUp();
    var logout = document.getElementById("logout-form");
    if (logout) { logout.addEventListener("submit", clearPhone); }
  });
})();
