/* The outbox panel on every field page: what the logged-in agent queued (submissions,
   photos) with its state, "send now", items other agents left on this phone (locked), a
   diagnostics panel (storage, queue, last sync, persistent storage) and the offline
   indicator. Sending itself is FieldSender's (sender.js), shared with the service worker. */
(function () {
  "use strict";

  var store = window.FieldStore;
  var sender = window.FieldSender;
  var strings = {};
  var retryDelay = 0;
  var retryTimer = null;
  var root = document.documentElement;
  var ready = Promise.resolve(false);

  function t(key, params) {
    return window.FieldRules.format(strings[key] || key, params || {});
  }

  var progressed = false;

  /* Each item's state as it goes; a photo's upload share as it climbs. */
  function onItem(item, state, share) {
    if (state === "sent" || state === "refused") { progressed = true; }
    var text = state === "progress"
      ? t("state_sending") + " " + Math.round(share * 100) + " %" : t("state_" + state);
    var node = document.querySelector("#outbox li[data-uuid='" + item.uuid + "'] .badge");
    if (node) { node.textContent = text; }
    document.querySelectorAll(".photo-list li[data-uuid='" + item.uuid + "'] progress")
      .forEach(function (bar) { bar.value = state === "progress" ? share : 1; });
  }

  /* Sends what waits. "Send now" (``restart``) cuts a hung request short first. */
  function flush(restart) {
    return ready.then(function (unlocked) {
      if (!unlocked) { return render(); }
      var before = restart ? sender.abort() : Promise.resolve();
      return before.catch(function () {}).then(function () {
        return sender.run(onItem);
      }).then(function (stopped) {
        root.dataset.outboxStop = stopped ? t(stopped.code) : "";
        root.dataset.outboxRuns = String(Number(root.dataset.outboxRuns || 0) + 1);
        scheduleRetry(stopped);
        return render();
      }, function (problem) {
        root.dataset.outboxStop = String(problem);
        scheduleRetry(problem);
        return render();
      });
    });
  }

  function scheduleRetry(stopped) {
    clearTimeout(retryTimer);
    if (!stopped || stopped.code === "locked" || stopped.code === "log_in_again") {
      retryDelay = 0;
      return;
    }
    // A run that got something through starts the waiting over: the network is there.
    if (progressed) { retryDelay = 0; }
    progressed = false;
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : window.FieldOutbox.firstRetry, 60000);
    retryTimer = setTimeout(function () {
      if (navigator.onLine) { flush(); }
    }, retryDelay);
  }

  function askBackgroundSync() {
    if (!navigator.serviceWorker) { return Promise.resolve(); }
    return navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) { return registration.sync.register("field-outbox"); }
    }).catch(function () {});
  }

  function add(item) {
    item.seq = store.nextSeq();
    item.state = "waiting";
    item.created_at = new Date().toISOString();
    if (item.blob) { item.size = item.blob.size; }
    return ready.then(function () { return store.putItem(item); }).then(render).then(function () {
      askBackgroundSync();
      if (navigator.onLine) { flush(); }
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function shown(item, code, value) {
    var labels = (item.value_labels && item.value_labels[code]) || {};
    if (Array.isArray(value)) {
      return value.map(function (v) { return labels[v] || v; }).join(", ");
    }
    return labels[value] || String(value === undefined || value === null ? "" : value);
  }

  function empty(value) {
    return Array.isArray(value) ? !value.length : !String(value === undefined ? "" : value).trim();
  }

  /* The answers kept on the phone, question above answer; with the server's version when
     the server holds another one. */
  function answerList(item) {
    var list = el("dl", "facts summary");
    var theirs = item.theirs || null;
    Object.keys(item.answers).forEach(function (code) {
      var value = item.answers[code];
      var other = theirs ? theirs[code] : undefined;
      if (empty(value) && (!theirs || empty(other))) { return; }
      list.appendChild(el("dt", "", (item.labels && item.labels[code]) || code));
      var dd = el("dd", "", shown(item, code, value));
      var problem = item.errors && item.errors[code];
      if (problem) { dd.appendChild(el("span", "outbox-error", " — " + problem)); }
      if (theirs && JSON.stringify(other) !== JSON.stringify(value)) {
        dd.classList.add("differs");
        dd.appendChild(el("span", "was", t("on_server", { value: shown(item, code, other) })));
      }
      list.appendChild(dd);
    });
    return list;
  }

  function describe(item) {
    var li = el("li", "outbox-item outbox-" + item.state);
    li.dataset.uuid = item.uuid;
    li.dataset.state = item.state;
    var title = item.kind === "photo" ? t("photo", { name: item.name }) : t("submission");
    li.appendChild(el("strong", "", item.firm + " · " + title));
    li.appendChild(el("span", "badge badge-outbox-" + item.state, t("state_" + item.state)));
    var message = item.message || (item.message_code ? t(item.message_code) : "");
    if (message) { li.appendChild(el("p", "outbox-message", message)); }
    if (item.kind === "submission" && item.state !== "sent") {
      var details = el("details");
      details.appendChild(el("summary", "", t("answers_on_phone")));
      details.appendChild(answerList(item));
      li.appendChild(details);
    }
    if (item.state === "refused") {
      var actions = el("div", "actions");
      if (item.visit && item.kind === "submission") {
        var openLink = el("a", "button outbox-open", t("open_to_fix"));
        openLink.href = item.url.replace(/submit\.json$/, "form/");
        actions.appendChild(openLink);
      }
      var dismiss = el("button", "outbox-dismiss", t("dismiss"));
      dismiss.type = "button";
      dismiss.addEventListener("click", function () {
        if (!window.confirm(t("dismiss_confirm"))) { return; }
        store.removeItem(item.uuid).then(render);
      });
      actions.appendChild(dismiss);
      li.appendChild(actions);
    }
    return li;
  }

  function diagnostics(items) {
    var panel = document.getElementById("diagnostics");
    if (!panel) { return Promise.resolve(); }
    var estimate = navigator.storage && navigator.storage.estimate
      ? navigator.storage.estimate().catch(function () { return {}; }) : Promise.resolve({});
    return Promise.all([estimate, store.getMeta("last_sync"), store.getMeta("persist")])
      .then(function (found) {
        var used = found[0].usage || 0;
        var facts = panel.querySelector("dl");
        facts.textContent = "";
        [[t("storage_used"), (used / 1048576).toFixed(1) + " MB"],
         [t("items_queued"), String(items.filter(function (i) {
           return i.state === "waiting"; }).length)],
         [t("last_sync"), found[1] ? new Date(found[1].at).toLocaleString(root.lang) +
           (found[1].stop ? " · " + t(found[1].stop) : "") : "—"],
         [t("persistent"), found[2] ? t(found[2].granted ? "persist_yes" : "persist_no") : "—"],
        ].forEach(function (pair) {
          facts.appendChild(el("dt", "", pair[0]));
          facts.appendChild(el("dd", "", pair[1]));
        });
      });
  }

  function render() {
    var panel = document.getElementById("outbox");
    if (!panel || !store.available) { return Promise.resolve(); }
    return Promise.all([store.unlocked() ? store.items() : Promise.resolve([]), store.locked()])
      .then(function (found) {
        var items = found[0];
        var locked = found[1];
        var count = { waiting: 0, sent: 0, refused: 0 };
        items.forEach(function (i) { count[i.state] = (count[i.state] || 0) + 1; });
        panel.hidden = items.length === 0 && locked.length === 0;
        panel.dataset.waiting = count.waiting;
        panel.dataset.sent = count.sent;
        panel.dataset.refused = count.refused;
        panel.dataset.locked = locked.reduce(function (n, l) { return n + l.count; }, 0);
        panel.querySelector(".outbox-summary").textContent = t("summary", count);
        var stop = root.dataset.outboxStop;
        panel.querySelector(".outbox-status").textContent = count.waiting && stop ? stop : "";
        var lockedNote = panel.querySelector(".outbox-locked");
        lockedNote.textContent = locked.map(function (l) {
          return t("locked_for", { count: l.count, name: l.owner_name });
        }).join(" ");
        lockedNote.hidden = !locked.length;
        var list = panel.querySelector(".outbox-list");
        // A re-render (the next send, another tab) keeps open what the agent opened.
        var opened = {};
        list.querySelectorAll(".outbox-item details[open]").forEach(function (details) {
          opened[details.parentNode.dataset.uuid] = true;
        });
        list.textContent = "";
        items.slice().reverse().forEach(function (item) {
          var li = describe(item);
          var details = li.querySelector("details");
          if (details && opened[item.uuid]) { details.open = true; }
          list.appendChild(li);
        });
        document.dispatchEvent(new CustomEvent("outbox-rendered", { detail: items }));
        return diagnostics(items);
      });
  }

  function showNetwork() {
    var badge = document.getElementById("network-state");
    if (!badge) { return; }
    badge.hidden = navigator.onLine;
    root.dataset.network = navigator.onLine ? "online" : "offline";
  }

  /* Persistent storage, asked once per phone; the answer is shown in the diagnostics. */
  function askPersistence() {
    if (!navigator.storage || !navigator.storage.persist) { return Promise.resolve(); }
    return store.getMeta("persist").then(function (asked) {
      if (asked) { return; }
      return navigator.storage.persist().then(function (granted) {
        return store.putMeta({ key: "persist", granted: granted, at: new Date().toISOString() });
      });
    }).catch(function () {});
  }

  function start() {
    var node = document.getElementById("field-strings");
    strings = node ? JSON.parse(node.textContent) : {};
    showNetwork();
    window.addEventListener("online", function () { showNetwork(); flush(); });
    window.addEventListener("offline", showNetwork);
    if (!store.available) { return; }
    var body = document.body;
    var token = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    ready = store.begin(body.dataset.user, body.dataset.userName, body.dataset.key,
                        token ? decodeURIComponent(token[1]) : "")
      .then(function (unlocked) {
        root.dataset.storeUnlocked = unlocked ? "1" : "0";
        return unlocked;
      });
    var panel = document.getElementById("outbox");
    if (panel) {
      panel.querySelector(".outbox-send").addEventListener("click", function () {
        flush(true);
      });
    }
    if (navigator.serviceWorker) {
      navigator.serviceWorker.addEventListener("message", function (event) {
        if (event.data === "outbox-changed") { render(); }
      });
    }
    ready.then(askPersistence).then(render).then(function () {
      if (navigator.onLine) { return flush(); }
    });
  }

  window.FieldOutbox = { add: add, flush: flush, render: render, t: t,
                         ready: function () { return ready; }, shown: shown,
                         /* Milliseconds before the first retry after a stopped run; the
                            pause doubles up to a minute (tests shorten it). */
                         firstRetry: 1000 };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
