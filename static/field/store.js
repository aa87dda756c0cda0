/* What the field app keeps on the phone (IndexedDB): drafts per visit and the outbox.
   Everything here is the agent's own; logging out clears it. */
(function () {
  "use strict";

  var DB_NAME = "field-app";
  var DB_VERSION = 1;
  var opened = null;

  function open() {
    if (!window.indexedDB) {
      return Promise.reject(new Error("IndexedDB is not available"));
    }
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, DB_VERSION);
        request.onupgradeneeded = function () {
          var db = request.result;
          db.createObjectStore("drafts", { keyPath: "visit" });
          db.createObjectStore("outbox", { keyPath: "uuid" }).createIndex("seq", "seq");
          db.createObjectStore("meta", { keyPath: "key" });
        };
        request.onsuccess = function () {
          resolve(forOwner(request.result, document.body.dataset.user || ""));
        };
        request.onerror = function () { reject(request.error); };
        request.onblocked = function () { reject(new Error("IndexedDB is blocked")); };
      });
    }
    return opened;
  }

  /* A phone shared by two people: what the previous one left is not shown to the next. */
  function forOwner(db, owner) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction(["meta", "drafts", "outbox"], "readwrite");
      var meta = tx.objectStore("meta");
      var read = meta.get("owner");
      read.onsuccess = function () {
        if (read.result && read.result.value !== owner) {
          tx.objectStore("drafts").clear();
          tx.objectStore("outbox").clear();
        }
        meta.put({ key: "owner", value: owner });
      };
      tx.oncomplete = function () { resolve(db); };
      tx.onerror = function () { reject(tx.error); };
    });
  }

  /* Runs ``work(store)`` in one transaction; resolves with the value of the request it
     returns once the transaction has committed. */
  function run(name, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var request = work(tx.objectStore(name));
        tx.oncomplete = function () { resolve(request ? request.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error || new Error("aborted")); };
      });
    });
  }

  var seqCounter = 0;

  window.FieldStore = {
    available: !!window.indexedDB,
    get: function (name, key) {
      return run(name, "readonly", function (s) { return s.get(key); });
    },
    put: function (name, value) {
      return run(name, "readwrite", function (s) { return s.put(value); });
    },
    remove: function (name, key) {
      return run(name, "readwrite", function (s) { return s.delete(key); });
    },
    all: function (name) {
      return run(name, "readonly", function (s) { return s.getAll(); });
    },
    /* Outbox items oldest first: they are sent in the order they were made. */
    outbox: function () {
      return run("outbox", "readonly", function (s) { return s.index("seq").getAll(); });
    },
    nextSeq: function () {
      seqCounter += 1;
      return Date.now() * 1000 + (seqCounter % 1000);
    },
    clearAll: function () {
      return Promise.all(["drafts", "outbox", "meta"].map(function (name) {
        return run(name, "readwrite", function (s) { return s.clear(); });
      }));
    },
  };
})();
