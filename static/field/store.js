/* What the field app keeps on the phone (IndexedDB): each agent's drafts and outbox.

   A phone can be shared. Every record names its owner, and what an agent typed (answers,
   labels, photos, server messages) is sealed with AES-GCM under that agent's key. The key
   comes from the server (/field/key.json) only to that agent's logged-in session, is kept
   as a non-extractable CryptoKey while the agent is logged in on this phone and is deleted
   at logout or when another agent logs in. Records of an agent whose key is gone stay on the
   phone, locked, until that agent logs in again; nobody else can read, send or delete them.
   Left in clear: owner id and name, item id, order, kind, state, visit id, byte size, times.

   Runs in pages and in the service worker (no DOM here). */
(function (scope) {
  "use strict";

  var DB_NAME = "field-app";
  var DB_VERSION = 2;
  var opened = null;
  var current = { owner: "", name: "", key: null };

  function open() {
    if (!scope.indexedDB) {
      return Promise.reject(new Error("IndexedDB is not available"));
    }
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, DB_VERSION);
        request.onupgradeneeded = function (event) {
          var db = request.result;
          if (event.oldVersion < 1) {
            db.createObjectStore("meta", { keyPath: "key" });
          }
          // Version 2: records per owner, sealed. The version 1 stores ("drafts",
          // "outbox") stay until their owner logs in and they are sealed and moved.
          db.createObjectStore("queue", { keyPath: "uuid" }).createIndex("seq", "seq");
          db.createObjectStore("sealed_drafts", { keyPath: "id" });
          db.createObjectStore("keys", { keyPath: "owner" });
        };
        request.onsuccess = function () {
          var db = request.result;
          db.onversionchange = function () { db.close(); opened = null; };
          resolve(db);
        };
        request.onerror = function () { reject(request.error); };
        request.onblocked = function () { reject(new Error("IndexedDB is blocked")); };
      });
    }
    return opened;
  }

  /* Runs ``work(stores...)`` in one transaction; resolves with the result of the request it
     returns once the transaction has committed. */
  function run(names, mode, work) {
    names = [].concat(names);
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(names, mode);
        var request = work.apply(null, names.map(function (n) { return tx.objectStore(n); }));
        tx.oncomplete = function () { resolve(request ? request.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error || new Error("aborted")); };
      });
    });
  }

  var encoder = new TextEncoder();
  var decoder = new TextDecoder();

  /* The owner and the record's id are bound to the ciphertext: a sealed value moved to
     another record or owner fails to open. */
  function aad(id) { return encoder.encode(current.owner + "|" + id); }

  function sealBytes(id, bytes) {
    var iv = crypto.getRandomValues(new Uint8Array(12));
    return crypto.subtle.encrypt({ name: "AES-GCM", iv: iv, additionalData: aad(id) },
                                 current.key, bytes)
      .then(function (data) { return { iv: iv, data: data }; });
  }

  function openBytes(id, box) {
    return crypto.subtle.decrypt({ name: "AES-GCM", iv: box.iv, additionalData: aad(id) },
                                 current.key, box.data);
  }

  function seal(id, value) { return sealBytes(id, encoder.encode(JSON.stringify(value))); }
  function unseal(id, box) {
    return openBytes(id, box).then(function (plain) { return JSON.parse(decoder.decode(plain)); });
  }

  var CLEAR = ["uuid", "owner", "owner_name", "seq", "kind", "visit", "state", "created_at",
               "sent_at", "size"];

  function toRecord(item) {
    if (!current.key) { return Promise.reject(new Error("locked")); }
    var record = { owner: current.owner, owner_name: current.name };
    var secret = {};
    Object.keys(item).forEach(function (name) {
      if (name === "blob") { return; }
      if (CLEAR.indexOf(name) >= 0) { record[name] = item[name]; } else { secret[name] = item[name]; }
    });
    record.owner = current.owner;
    record.owner_name = current.name;
    var work = [seal(item.uuid, secret)];
    if (item.blob) {
      work.push(item.blob.arrayBuffer().then(function (bytes) {
        return sealBytes(item.uuid + "#blob", bytes);
      }));
    }
    return Promise.all(work).then(function (boxes) {
      record.sealed = boxes[0];
      if (boxes[1]) { record.sealed_blob = boxes[1]; }
      return record;
    });
  }

  function fromRecord(record) {
    return unseal(record.uuid, record.sealed).then(function (secret) {
      var item = {};
      CLEAR.forEach(function (name) { if (name in record) { item[name] = record[name]; } });
      Object.keys(secret).forEach(function (name) { item[name] = secret[name]; });
      if (!record.sealed_blob) { return item; }
      return openBytes(record.uuid + "#blob", record.sealed_blob).then(function (bytes) {
        item.blob = new Blob([bytes], { type: item.type || "application/octet-stream" });
        return item;
      });
    });
  }

  function mine(record) { return record && record.owner === current.owner && current.key; }

  function getMeta(key) {
    return run("meta", "readonly", function (s) { return s.get(key); });
  }

  function putMeta(value) {
    return run("meta", "readwrite", function (s) { return s.put(value); });
  }

  function importKey(raw) {
    var bytes = Uint8Array.from(atob(raw), function (c) { return c.charCodeAt(0); });
    return crypto.subtle.importKey("raw", bytes, { name: "AES-GCM" }, false,
                                   ["encrypt", "decrypt"]);
  }

  /* Only the logged-in agent's key stays on the phone. */
  function forgetOtherKeys(owner) {
    return run("keys", "readwrite", function (s) {
      var cursor = s.openCursor();
      cursor.onsuccess = function () {
        var c = cursor.result;
        if (!c) { return; }
        if (c.value.owner !== owner) { c.delete(); }
        c.continue();
      };
    });
  }

  function fetchKey(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-store", redirect: "manual" })
      .then(function (response) {
        if (response.status !== 200) { throw new Error("key " + response.status); }
        return response.json();
      })
      .then(function (body) {
        if (String(body.owner) !== current.owner) { throw new Error("key for another user"); }
        return importKey(body.key);
      })
      .then(function (key) {
        return run("keys", "readwrite", function (s) {
          return s.put({ owner: current.owner, key: key });
        }).then(function () { return key; });
      });
  }

  /* Version 1 kept one unsealed outbox for whoever used the phone last: its records are
     sealed for that owner and moved, then the old stores are emptied. */
  function migrate() {
    return open().then(function (db) {
      if (!db.objectStoreNames.contains("outbox")) { return; }
      return getMeta("owner").then(function (owner) {
        if (!owner || String(owner.value) !== current.owner) { return; }
        return run(["outbox", "drafts"], "readonly", function (o) { return o.getAll(); })
          .then(function (items) {
            return Promise.all(items.map(function (item) { return FieldStore.putItem(item); }));
          })
          .then(function () {
            return run("drafts", "readonly", function (d) { return d.getAll(); });
          })
          .then(function (drafts) {
            return Promise.all(drafts.map(function (d) { return FieldStore.putDraft(d); }));
          })
          .then(function () {
            return run(["outbox", "drafts", "meta"], "readwrite", function (o, d, m) {
              o.clear(); d.clear(); return m.delete("owner");
            });
          });
      });
    });
  }

  var FieldStore = {
    available: !!scope.indexedDB && !!(scope.crypto && scope.crypto.subtle),

    /* A page of a logged-in agent: their key (from the phone, or from the server when the
       phone has none), every other agent's key forgotten. Resolves true when unlocked. */
    begin: function (owner, name, keyUrl, csrf) {
      current = { owner: String(owner), name: name || "", key: null };
      return putMeta({ key: "session", owner: current.owner, name: current.name, csrf: csrf })
        .then(function () { return forgetOtherKeys(current.owner); })
        .then(function () {
          return run("keys", "readonly", function (s) { return s.get(current.owner); });
        })
        .then(function (kept) {
          if (kept) { return kept.key; }
          return fetchKey(keyUrl);
        })
        .then(function (key) { current.key = key; return migrate(); })
        .then(function () { return true; }, function () { return false; });
    },

    /* The service worker: the agent whose page ran last, if their key is still here. */
    resume: function () {
      return getMeta("session").then(function (session) {
        if (!session) { return null; }
        current = { owner: session.owner, name: session.name, key: null };
        return run("keys", "readonly", function (s) { return s.get(session.owner); })
          .then(function (kept) { current.key = kept ? kept.key : null; return session; });
      });
    },

    /* Logout: the key leaves the phone; what the agent queued stays, sealed. */
    end: function () {
      current.key = null;
      return run(["keys", "meta"], "readwrite", function (k, m) {
        k.clear();
        return m.delete("session");
      });
    },

    owner: function () { return current.owner; },
    unlocked: function () { return !!current.key; },
    getMeta: getMeta,
    putMeta: putMeta,
    deleteMeta: function (key) {
      return run("meta", "readwrite", function (s) { return s.delete(key); });
    },

    putItem: function (item) {
      return toRecord(item).then(function (record) {
        return run("queue", "readwrite", function (s) { return s.put(record); });
      });
    },
    getItem: function (uuid) {
      return run("queue", "readonly", function (s) { return s.get(uuid); })
        .then(function (record) { return mine(record) ? fromRecord(record) : null; });
    },
    removeItem: function (uuid) {
      return run("queue", "readonly", function (s) { return s.get(uuid); }).then(function (r) {
        if (!mine(r)) { return; }
        return run("queue", "readwrite", function (s) { return s.delete(uuid); });
      });
    },
    /* The agent's own items, oldest first: they are sent in the order they were made. */
    items: function () {
      return run("queue", "readonly", function (s) { return s.index("seq").getAll(); })
        .then(function (records) {
          return Promise.all(records.filter(mine).map(fromRecord));
        });
    },
    /* Items of other agents still to send: [{owner_name, count}], nothing else about them. */
    locked: function () {
      return run("queue", "readonly", function (s) { return s.getAll(); }).then(function (all) {
        var byOwner = {};
        all.forEach(function (r) {
          if (r.state === "sent" || (r.owner === current.owner && current.key)) { return; }
          byOwner[r.owner] = byOwner[r.owner] || { owner_name: r.owner_name, count: 0 };
          byOwner[r.owner].count += 1;
        });
        return Object.keys(byOwner).map(function (k) { return byOwner[k]; });
      });
    },
    nextSeq: (function () {
      var counter = 0;
      return function () { counter += 1; return Date.now() * 1000 + (counter % 1000); };
    })(),

    putDraft: function (draft) {
      var id = current.owner + ":" + draft.visit;
      return seal(id, draft).then(function (box) {
        return run("sealed_drafts", "readwrite", function (s) {
          return s.put({ id: id, owner: current.owner, visit: draft.visit, sealed: box });
        });
      });
    },
    getDraft: function (visit) {
      var id = current.owner + ":" + visit;
      if (!current.key) { return Promise.resolve(null); }
      return run("sealed_drafts", "readonly", function (s) { return s.get(id); })
        .then(function (record) { return record ? unseal(id, record.sealed) : null; });
    },
    removeDraft: function (visit) {
      var id = current.owner + ":" + visit;
      return run("sealed_drafts", "readwrite", function (s) { return s.delete(id); });
    },
    drafts: function () {
      if (!current.key) { return Promise.resolve([]); }
      return run("sealed_drafts", "readonly", function (s) { return s.getAll(); })
        .then(function (records) {
          return Promise.all(records.filter(function (r) { return r.owner === current.owner; })
            .map(function (r) { return unseal(r.id, r.sealed); }));
        });
    },
  };

  scope.FieldStore = FieldStore;
})(self);
