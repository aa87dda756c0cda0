/* Sends the logged-in agent's outbox: submissions, photos and drafts, oldest first. Runs in
   pages and in the service worker (Background Sync), one run at a time across both.

   Each item carries a UUID made on the phone and the server stores a UUID once, so a resend
   after a lost or late answer stores nothing twice; a replay the server already has counts
   as sent. Every request has a time limit (AbortController): a hung connection ends the run
   and the outbox tries again with a growing pause; "send now" cuts a running request short
   and starts over. One item that cannot reach the server stops the run (the rest wait
   behind it); one the server refuses keeps its answers with the reason, and, when the
   server says what it holds instead, that version too, to compare field by field. */
(function (scope) {
  "use strict";

  var store = scope.FieldStore;
  var SENT_KEPT = 50;
  var controller = null;

  /* A stop: the item stays waiting and the run ends. ``code`` names the reason. */
  function Stop(code) { this.code = code; }

  /* Milliseconds: ``FieldSender.timeout`` seconds for answers, plus one second per 100 KB
     of photo (a slow 2G link). */
  function timeoutFor(bytes) {
    return FieldSender.timeout * 1000 + Math.round((bytes || 0) / 1024) * 10;
  }

  /* Why a request cut short by its controller ended: its time limit, or "send now". */
  function cutShort(signal) {
    return new Stop(signal.reason === "timeout" ? "timed_out" : "restarted");
  }

  function send(url, body, isJson, csrf, bytes) {
    var headers = { "X-CSRFToken": csrf || "", "Accept": "application/json" };
    if (isJson) { headers["Content-Type"] = "application/json"; }
    controller = new AbortController();
    var own = controller;
    var timer = setTimeout(function () { own.abort("timeout"); }, timeoutFor(bytes));
    return fetch(url, {
      method: "POST", body: body, headers: headers, credentials: "same-origin",
      redirect: "manual", cache: "no-store", signal: own.signal,
    }).catch(function () {
      throw own.signal.aborted ? cutShort(own.signal) : new Stop("no_network");
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401 ||
          response.status === 403) {
        throw new Stop("log_in_again");
      }
      if (response.status >= 500 || response.status === 0) {
        throw new Stop("server_busy");
      }
      // Cut short while the answer's body was on its way: nothing was read, so the item
      // waits for the next run (it was taken for a refusal with no reason).
      return response.json().catch(function () {
        if (own.signal.aborted) { throw cutShort(own.signal); }
        return {};
      }).then(function (data) {
        return { status: response.status, data: data };
      });
    }).finally(function () {
      clearTimeout(timer);
      if (controller === own) { controller = null; }
    });
  }

  /* A photo from a page: XMLHttpRequest, for its upload progress (fetch has none). Same
     time limit, same stops as ``send``. */
  function sendWithProgress(url, body, csrf, bytes, onProgress) {
    controller = new AbortController();
    var own = controller;
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      var timer = setTimeout(function () { own.abort("timeout"); }, timeoutFor(bytes));
      var done = function () {
        clearTimeout(timer);
        if (controller === own) { controller = null; }
      };
      own.signal.addEventListener("abort", function () { xhr.abort(); });
      xhr.open("POST", url);
      xhr.setRequestHeader("X-CSRFToken", csrf || "");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) { onProgress(event.loaded / event.total); }
      };
      xhr.onload = function () {
        done();
        if (xhr.responseURL && new URL(xhr.responseURL).pathname !== new URL(url, location.href)
            .pathname) {
          reject(new Stop("log_in_again"));  // redirected to the login page
          return;
        }
        var data = {};
        try { data = JSON.parse(xhr.responseText); } catch (ignored) { data = {}; }
        if (xhr.status === 401 || xhr.status === 403) { reject(new Stop("log_in_again")); return; }
        if (xhr.status >= 500 || xhr.status === 0) { reject(new Stop("server_busy")); return; }
        resolve({ status: xhr.status, data: data });
      };
      xhr.onerror = xhr.onabort = function () {
        done();
        reject(own.signal.aborted ? cutShort(own.signal) : new Stop("no_network"));
      };
      xhr.send(body);
    });
  }

  function sendItem(item, csrf, onItem) {
    if (item.kind === "photo") {
      var form = new FormData();
      form.append("uuid", item.uuid);
      form.append("file", item.blob, item.name);
      if (onItem && typeof XMLHttpRequest !== "undefined") {
        return sendWithProgress(item.url, form, csrf, item.blob.size, function (share) {
          onItem(item, "progress", share);
        });
      }
      return send(item.url, form, false, csrf, item.blob.size);
    }
    return send(item.url, JSON.stringify({ submission_uuid: item.uuid, answers: item.answers }),
                true, csrf, 0);
  }

  function settle(item, outcome) {
    if (outcome.status === 200) {
      item.state = "sent";
      item.sent_at = new Date().toISOString();
      item.message = "";
      item.message_code = outcome.data.duplicate ? "already_received" : "";
      if (item.kind === "photo") { delete item.blob; }
      return store.putItem(item);
    }
    item.state = "refused";
    item.message = outcome.data.error || "";
    item.message_code = outcome.data.error ? "" : "refused";
    item.errors = outcome.data.errors || {};
    if (outcome.data.answers) { item.theirs = outcome.data.answers; }
    if (item.kind !== "submission") { return store.putItem(item); }
    // The refused answers come back into the form as the draft, to fix and send again;
    // typing done on the phone since is not overwritten.
    return store.putItem(item).then(function () {
      return store.getDraft(item.visit);
    }).then(function (draft) {
      if (draft && draft.typed_at > item.created_at) { return; }
      return store.putDraft({ visit: item.visit, answers: item.answers, synced: true,
                              typed_at: new Date().toISOString(),
                              url: item.url.replace(/submit\.json$/, "draft.json"),
                              conflict: item.theirs ? { answers: item.theirs,
                                                        saved_at: null } : null });
    });
  }

  function syncDrafts(csrf) {
    return store.drafts().then(function (drafts) {
      var chain = Promise.resolve();
      drafts.filter(function (d) { return !d.synced && d.url; }).forEach(function (draft) {
        chain = chain.then(function () {
          return send(draft.url, JSON.stringify({ answers: draft.answers,
                                                  typed_at: draft.typed_at }), true, csrf, 0);
        }).then(function (outcome) {
          return store.getDraft(draft.visit).then(function (latest) {
            // Typing went on while this was on its way: the newer draft is sent next time.
            if (!latest || latest.typed_at !== draft.typed_at) { return; }
            latest.synced = true;
            latest.server_note = outcome.status === 200 ? "" : (outcome.data.error || "");
            // Another phone's newer draft: both are kept, and the form shows them side by
            // side until the agent chooses (nothing typed here is replaced).
            latest.conflict = outcome.data.stale
              ? { answers: outcome.data.answers || {}, saved_at: outcome.data.saved_at }
              : null;
            return store.putDraft(latest);
          });
        });
      });
      return chain;
    });
  }

  function pruneSent(items) {
    var sent = items.filter(function (i) { return i.state === "sent"; });
    var old = sent.slice(0, Math.max(0, sent.length - SENT_KEPT));
    return Promise.all(old.map(function (i) { return store.removeItem(i.uuid); }));
  }

  function runOnce(onItem) {
    var stopped = null;
    var csrf = "";
    return store.getMeta("session").then(function (session) {
      csrf = session ? session.csrf : "";
      if (!store.unlocked()) { throw new Stop("locked"); }
      return store.items();
    }).then(function (items) {
      var chain = Promise.resolve();
      items.forEach(function (item) {
        if (item.state !== "waiting") { return; }
        chain = chain.then(function () {
          if (onItem) { onItem(item, "sending"); }
          return sendItem(item, csrf, onItem).then(function (outcome) {
            return settle(item, outcome);
          }).then(function () { if (onItem) { onItem(item, item.state); } });
        });
      });
      return chain.then(function () { return pruneSent(items); });
    }).then(function () {
      return syncDrafts(csrf);
    }).catch(function (problem) {
      if (!(problem instanceof Stop)) { throw problem; }
      stopped = problem;
    }).then(function () {
      return store.putMeta({ key: "last_sync", at: new Date().toISOString(),
                             stop: stopped ? stopped.code : "" });
    }).then(function () {
      return stopped;
    });
  }

  var running = null;
  var following = null;

  var FieldSender = {
    Stop: Stop,
    /* Seconds before a request with no answer is given up (tests shorten it). */
    timeout: 15,
    /* One run at a time across this phone's pages and its service worker. A run asked for
       while one is under way is a run that follows it: the one under way read the queue
       before the caller's item may have been put in it, so joining it could leave that
       item waiting. Every call made meanwhile shares the one that follows. */
    run: function (onItem) {
      if (running) {
        if (!following) {
          following = running.catch(function () {}).then(function () {
            following = null;
            return FieldSender.run(onItem);
          });
        }
        return following;
      }
      var work = function () { return runOnce(onItem); };
      var locks = scope.navigator && scope.navigator.locks;
      running = (locks ? locks.request("field-outbox", work) : work()).finally(function () {
        running = null;
      });
      return running;
    },
    /* Cuts the request on its way short (its run ends with a "restarted" stop). */
    abort: function () {
      if (controller) { controller.abort("restart"); }
      return running || Promise.resolve(null);
    },
  };
  scope.FieldSender = FieldSender;
})(self);
