/* Every field page: installs the service worker, keeps the pages of the agent's own visits
   on the phone while online (each fetched again only when its version changed), and locks
   the phone at logout, also offline (the logout itself is then sent at the next
   connection by the service worker). */
(function () {
  "use strict";

  var root = document.documentElement;
  var PREFIX = "field-pages-";

  function pagesCache(owner) { return PREFIX + owner; }

  /* Kept pages of anyone but ``owner`` leave the phone (all of them when owner is ""). */
  function dropPages(owner) {
    if (!window.caches) { return Promise.resolve(); }
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(PREFIX) === 0 && name !== pagesCache(owner);
      }).map(function (name) { return caches.delete(name); }));
    });
  }

  function keepPages(bundleUrl, owner) {
    var store = window.FieldStore;
    var fetched = 0;
    // The browser revalidates the list with its ETag: unchanged, it costs a 304.
    return fetch(bundleUrl, { credentials: "same-origin", cache: "no-cache",
                              redirect: "manual" })
      .then(function (response) {
        if (!response.ok) { throw new Error("bundle " + response.status); }
        return response.json();
      })
      .then(function (bundle) {
        var versionsKey = "versions-" + owner;
        return Promise.all([caches.open(pagesCache(owner)), store.getMeta(versionsKey)])
          .then(function (found) {
            var cache = found[0];
            var known = (found[1] && found[1].pages) || {};
            var wanted = {};
            bundle.pages.forEach(function (page) {
              wanted[new URL(page.url, location.href).href] = page.version;
            });
            return cache.keys().then(function (keys) {
              var have = {};
              keys.forEach(function (request) { have[request.url] = true; });
              // Visits no longer assigned (or done) leave the phone.
              var leaving = keys.filter(function (request) { return !(request.url in wanted); })
                .map(function (request) { return cache.delete(request); });
              var coming = Object.keys(wanted).filter(function (url) {
                return !have[url] || known[url] !== wanted[url];
              }).map(function (url) {
                // A page that answers with a redirect (session ended) is not kept.
                return fetch(url, { credentials: "same-origin", cache: "no-store",
                                    redirect: "manual" })
                  .then(function (response) {
                    if (response.status !== 200) { delete wanted[url]; return; }
                    fetched += 1;
                    return cache.put(url, response);
                  });
              });
              return Promise.all(leaving.concat(coming));
            }).then(function () {
              return store.putMeta({ key: versionsKey, pages: wanted });
            });
          })
          .then(function () {
            root.dataset.pagesFetched = String(fetched);
            return bundle.visits.length;
          });
      });
  }

  function setUp() {
    var body = document.body;
    if (!("serviceWorker" in navigator) || !body.dataset.sw) { return; }
    var owner = body.dataset.user;
    navigator.serviceWorker.register(body.dataset.sw, { scope: body.dataset.scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function () { return dropPages(owner); })
      .then(function () { return window.FieldOutbox.ready(); })
      .then(function (unlocked) {
        if (!unlocked || !body.dataset.bundle || !navigator.onLine) { return null; }
        return keepPages(body.dataset.bundle, owner);
      })
      .then(function (count) {
        if (count !== null && count !== undefined) { root.dataset.visitsKept = count; }
        root.dataset.offlineReady = "1";
      })
      .catch(function () {
        root.dataset.offlineReady = "0";
      });
  }

  /* Logout locks the phone at once: the agent's key and kept pages leave it; what they
     queued stays, sealed, for their next login. Offline, the logout waits in the phone and
     the service worker sends it at the next connection. */
  function logOut(event) {
    var form = event.target;
    if (form.dataset.cleared) { return; }
    event.preventDefault();
    if (form.dataset.leaving) { return; }
    form.dataset.leaving = "1";
    var store = window.FieldStore;
    var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var token = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (token) { csrf = decodeURIComponent(token[1]); }
    var offline = !navigator.onLine;
    var steps = [dropPages("")];
    if (store && store.available) {
      steps.push(store.end().then(function () {
        if (offline) {
          return store.putMeta({ key: "logout", csrf: csrf, url: form.action,
                                 at: new Date().toISOString() });
        }
      }).catch(function () {}));
    }
    Promise.all(steps).then(function () {
      if (!offline) {
        form.dataset.cleared = "1";
        form.submit();
        return;
      }
      return navigator.serviceWorker.ready.then(function (registration) {
        if (registration.sync) { return registration.sync.register("field-logout"); }
      }).catch(function () {}).then(function () {
        // The service worker answers with the "logged out on this phone" page.
        window.location.assign(document.body.dataset.login);
      });
    });
  }

  /* The login page: whoever used the phone last is logged out; their key and kept pages
     leave it (their queued work stays, sealed). */
  function lockPhone() {
    var store = window.FieldStore;
    var steps = [dropPages("")];
    if (store && store.available) { steps.push(store.end().catch(function () {})); }
    return Promise.all(steps).then(function () { root.dataset.locked = "1"; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.body.dataset.user) {
      lockPhone();
      return;
    }
    setUp();
    var logout = document.getElementById("logout-form");
    if (logout) { logout.addEventListener("submit", logOut); }
  });
})();
