/* The outbox: submissions and photos made on the phone wait here until the server has
   them. Each item carries a UUID made on the phone and the server stores a UUID once, so a
   resend after a lost answer stores nothing twice. Items go in the order they were made;
   one that cannot reach the server stops the run (the rest wait behind it), one the server
   refuses keeps its answers here with the reason. Drafts are sent as well, newest wins. */
(function () {
  "use strict";

  var store = window.FieldStore;
  var strings = {};
  var retryDelay = 0;
  var progressed = false;
  var retryTimer = null;
  var SENT_KEPT = 50;

  function t(key, params) {
    return window.FieldRules.format(strings[key] || key, params || {});
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* A stop: the item stays waiting and the run ends (no network, server down, logged out). */
  function Stop(message) { this.message = message; }

  function send(url, body, isJson) {
    var headers = { "X-CSRFToken": csrfToken(), "Accept": "application/json" };
    if (isJson) { headers["Content-Type"] = "application/json"; }
    return fetch(url, {
      method: "POST", body: body, headers: headers, credentials: "same-origin",
      redirect: "manual", cache: "no-store",
    }).catch(function () {
      throw new Stop(t("no_network"));
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401 ||
          response.status === 403) {
        throw new Stop(t("log_in_again"));
      }
      if (response.status >= 500 || response.status === 0) {
        throw new Stop(t("server_busy"));
      }
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function sendItem(item) {
    if (item.kind === "photo") {
      var form = new FormData();
      form.append("uuid", item.uuid);
      form.append("file", item.blob, item.name);
      return send(item.url, form, false);
    }
    return send(item.url, JSON.stringify({ submission_uuid: item.uuid, answers: item.answers }),
                true);
  }

  function settle(item, outcome) {
    progressed = true;
    if (outcome.status === 200) {
      item.state = "sent";
      item.sent_at = new Date().toISOString();
      item.message = outcome.data.duplicate ? t("already_received") : "";
      if (item.kind === "photo") { delete item.blob; }
    } else {
      item.state = "refused";
      item.message = outcome.data.error || t("refused");
      item.errors = outcome.data.errors || {};
      if (item.kind === "submission") {
        // The refused answers come back into the form as the draft, to fix and send again.
        return store.put("outbox", item).then(function () {
          return store.put("drafts", { visit: item.visit, answers: item.answers,
                                       typed_at: new Date().toISOString(), synced: false,
                                       url: item.url.replace(/submit\.json$/, "draft.json") });
        });
      }
    }
    return store.put("outbox", item);
  }

  function syncDrafts() {
    return store.all("drafts").then(function (drafts) {
      var chain = Promise.resolve();
      drafts.filter(function (d) { return !d.synced && d.url; }).forEach(function (draft) {
        chain = chain.then(function () {
          return send(draft.url, JSON.stringify({ answers: draft.answers,
                                                  typed_at: draft.typed_at }), true);
        }).then(function (outcome) {
          return store.get("drafts", draft.visit).then(function (latest) {
            // Typing went on while this was on its way: the newer draft is sent next time.
            if (!latest || latest.typed_at !== draft.typed_at) { return; }
            latest.synced = true;
            latest.server_note = outcome.status === 200 ? "" : (outcome.data.error || "");
            return store.put("drafts", latest);
          });
        });
      });
      return chain;
    });
  }

  function pruneSent(items) {
    var sent = items.filter(function (i) { return i.state === "sent"; });
    var old = sent.slice(0, Math.max(0, sent.length - SENT_KEPT));
    return Promise.all(old.map(function (i) { return store.remove("outbox", i.uuid); }));
  }

  function runOnce() {
    var stopped = null;
    return store.outbox().then(function (items) {
      var chain = Promise.resolve();
      items.forEach(function (item) {
        if (item.state !== "waiting") { return; }
        chain = chain.then(function () {
          if (stopped) { return; }
          return sendItem(item).then(function (outcome) {
            return settle(item, outcome);
          });
        });
      });
      return chain.then(function () { return pruneSent(items); });
    }).then(function () {
      if (!stopped) { return syncDrafts(); }
    }).catch(function (problem) {
      if (!(problem instanceof Stop)) { throw problem; }
      stopped = problem;
    }).then(function () {
      return stopped;
    });
  }

  var running = null;

  /* Sends what waits, once at a time across this phone's tabs. */
  function flush() {
    if (running) { return running; }
    var work = function () { return runOnce(); };
    var locked = navigator.locks
      ? navigator.locks.request("field-outbox", work) : work();
    running = locked.then(function (stopped) {
      running = null;
      var root = document.documentElement;
      root.dataset.outboxStop = stopped ? stopped.message : "";
      root.dataset.outboxRuns = String(Number(root.dataset.outboxRuns || 0) + 1);
      scheduleRetry(stopped);
      return render();
    }, function (problem) {
      running = null;
      scheduleRetry(new Stop(String(problem)));
      return render();
    });
    return running;
  }

  function scheduleRetry(stopped) {
    clearTimeout(retryTimer);
    if (!stopped) { retryDelay = 0; return; }
    // A run that got something through starts the waiting over: the network is there.
    if (progressed) { retryDelay = 0; }
    progressed = false;
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 1000, 60000);
    retryTimer = setTimeout(function () {
      if (navigator.onLine) { flush(); }
    }, retryDelay);
  }

  function add(item) {
    item.seq = store.nextSeq();
    item.state = "waiting";
    item.created_at = new Date().toISOString();
    return store.put("outbox", item).then(render).then(function () {
      if (navigator.onLine) { flush(); }
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function describe(item) {
    var li = el("li", "outbox-item outbox-" + item.state);
    li.dataset.uuid = item.uuid;
    li.dataset.state = item.state;
    var title = item.kind === "photo" ? t("photo", { name: item.name }) : t("submission");
    li.appendChild(el("strong", "", item.firm + " · " + title));
    li.appendChild(el("span", "badge badge-outbox-" + item.state, t("state_" + item.state)));
    if (item.message) { li.appendChild(el("p", "outbox-message", item.message)); }
    if (item.kind === "submission" && item.state !== "sent") {
      var details = el("details");
      details.appendChild(el("summary", "", t("answers_on_phone")));
      var list = el("dl", "facts");
      Object.keys(item.answers).forEach(function (code) {
        var value = item.answers[code];
        if (Array.isArray(value) ? !value.length : !String(value).trim()) { return; }
        list.appendChild(el("dt", "", (item.labels && item.labels[code]) || code));
        var shown = Array.isArray(value) ? value.join(", ") : String(value);
        var problem = item.errors && item.errors[code];
        list.appendChild(el("dd", "", problem ? shown + " — " + problem : shown));
      });
      details.appendChild(list);
      li.appendChild(details);
    }
    return li;
  }

  function render() {
    var panel = document.getElementById("outbox");
    if (!panel || !store.available) { return Promise.resolve(); }
    return store.outbox().then(function (items) {
      var count = { waiting: 0, sent: 0, refused: 0 };
      items.forEach(function (i) { count[i.state] = (count[i.state] || 0) + 1; });
      panel.hidden = items.length === 0;
      panel.dataset.waiting = count.waiting;
      panel.dataset.sent = count.sent;
      panel.dataset.refused = count.refused;
      panel.querySelector(".outbox-summary").textContent = t("summary", count);
      var stop = document.documentElement.dataset.outboxStop;
      panel.querySelector(".outbox-status").textContent = count.waiting && stop ? stop : "";
      var list = panel.querySelector(".outbox-list");
      list.textContent = "";
      items.slice().reverse().forEach(function (item) { list.appendChild(describe(item)); });
    });
  }

  function start() {
    var node = document.getElementById("field-strings");
    strings = node ? JSON.parse(node.textContent) : {};
    if (!store.available) { return; }
    var panel = document.getElementById("outbox");
    if (panel) {
      panel.querySelector(".outbox-send").addEventListener("click", function () { flush(); });
    }
    window.addEventListener("online", function () { flush(); });
    render().then(function () { if (navigator.onLine) { flush(); } });
  }

  window.FieldOutbox = { add: add, flush: flush, render: render, t: t };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
