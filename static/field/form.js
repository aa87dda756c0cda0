/* The questionnaire on the phone: answers are kept on the phone as they are typed (and
   sent as a draft when the network allows), photos wait in the outbox, and submitting
   checks the answers with the server's rules, shows a summary, asks, and puts the
   submission in the outbox with a UUID made here. Without JavaScript the form posts as
   plain HTML. */
(function () {
  "use strict";

  var store = window.FieldStore;
  var outbox = window.FieldOutbox;
  var form, visit, messages, questions, pendingWrites = 0, writes = Promise.resolve();
  var root = document.documentElement;

  function t(key, params) { return outbox.t(key, params); }

  function readAnswers() {
    var answers = {};
    questions.forEach(function (q) {
      var inputs = form.querySelectorAll("[name='" + q.code + "']");
      if (q.kind === "multiple_choice") {
        answers[q.code] = Array.prototype.filter.call(inputs, function (i) { return i.checked; })
          .map(function (i) { return i.value; });
      } else if (inputs.length && inputs[0].type === "radio") {
        var chosen = Array.prototype.filter.call(inputs, function (i) { return i.checked; });
        answers[q.code] = chosen.length ? chosen[0].value : "";
      } else {
        answers[q.code] = inputs.length ? inputs[0].value : "";
      }
    });
    return answers;
  }

  function applyAnswers(answers) {
    questions.forEach(function (q) {
      if (!(q.code in answers)) { return; }
      var value = answers[q.code];
      var inputs = form.querySelectorAll("[name='" + q.code + "']");
      Array.prototype.forEach.call(inputs, function (input) {
        if (input.type === "radio" || input.type === "checkbox") {
          input.checked = Array.isArray(value) ? value.indexOf(input.value) >= 0
            : input.value === value;
        } else {
          input.value = value;
        }
      });
    });
  }

  function note(text) {
    var status = document.getElementById("form-status");
    status.textContent = text;
  }

  function keep() {
    var draft = { visit: visit.id, answers: readAnswers(), typed_at: new Date().toISOString(),
                  synced: false, url: visit.draftUrl };
    pendingWrites += 1;
    writes = writes.then(function () { return store.put("drafts", draft); })
      .then(function () {
        note(t("kept_on_phone", { time: new Date().toLocaleTimeString(root.lang,
          { hour: "2-digit", minute: "2-digit" }) }));
        root.dataset.draftKept = draft.typed_at;
      }, function () { note(t("not_kept")); })
      .then(function () {
        pendingWrites -= 1;
        scheduleDraftSync();
      });
  }

  var syncTimer = null;
  function scheduleDraftSync() {
    clearTimeout(syncTimer);
    syncTimer = setTimeout(function () {
      if (navigator.onLine) { outbox.flush(); }
    }, 2000);
  }

  function showErrors(problems) {
    form.querySelectorAll(".client-error").forEach(function (node) { node.remove(); });
    form.querySelectorAll(".question.has-error").forEach(function (node) {
      node.classList.remove("has-error");
    });
    var first = null;
    Object.keys(problems).forEach(function (code) {
      var block = document.getElementById("q-" + code);
      if (!block) { return; }
      block.classList.add("has-error");
      var list = document.createElement("ul");
      list.className = "errorlist client-error";
      var item = document.createElement("li");
      item.textContent = problems[code];
      list.appendChild(item);
      var heading = block.querySelector("label, .label");
      heading.insertAdjacentElement("afterend", list);
      first = first || block;
    });
    if (first) { first.scrollIntoView({ block: "center" }); }
  }

  function check(answers) {
    var problems = {};
    questions.forEach(function (q) {
      var problem = window.FieldRules.check(q, answers[q.code], messages);
      if (problem) { problems[q.code] = problem.message; }
    });
    return problems;
  }

  function shown(q, value) {
    if (Array.isArray(value)) {
      return value.map(function (v) { return q.labels[v] || v; }).join(", ");
    }
    if (q.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      // The reader's date format (30.11.2026 in Turkish), not the input's ISO value.
      var parts = value.split("-");
      return new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2]))
        .toLocaleDateString(root.lang, { timeZone: "UTC" });
    }
    return q.labels[value] || value;
  }

  function labels() {
    var result = {};
    questions.forEach(function (q) { result[q.code] = q.text; });
    return result;
  }

  function confirmSubmit(answers) {
    var dialog = document.getElementById("submit-dialog");
    var list = dialog.querySelector(".summary");
    list.textContent = "";
    questions.forEach(function (q) {
      var value = answers[q.code];
      if (Array.isArray(value) ? !value.length : !String(value).trim()) { return; }
      var dt = document.createElement("dt");
      dt.textContent = q.text;
      var dd = document.createElement("dd");
      dd.textContent = shown(q, value);
      list.appendChild(dt);
      list.appendChild(dd);
    });
    return store.outbox().then(function (items) {
      var photos = items.filter(function (i) {
        return i.kind === "photo" && i.visit === visit.id && i.state !== "sent";
      }).length;
      dialog.querySelector(".summary-photos").textContent = t("photos_waiting", { count: photos });
      return new Promise(function (resolve) {
        dialog.addEventListener("close", function handler() {
          dialog.removeEventListener("close", handler);
          resolve(dialog.returnValue === "send");
        });
        dialog.showModal();
      });
    });
  }

  function submit(event) {
    event.preventDefault();
    var answers = readAnswers();
    var problems = check(answers);
    if (Object.keys(problems).length) {
      showErrors(problems);
      note(t("fix_first", { count: Object.keys(problems).length }));
      return;
    }
    showErrors({});
    confirmSubmit(answers).then(function (send) {
      if (!send) { return; }
      var id = crypto.randomUUID();
      return writes.then(function () {
        return outbox.add({ kind: "submission", uuid: id, visit: visit.id, firm: visit.firm,
                            url: visit.submitUrl, answers: answers, labels: labels() });
      }).then(function () {
        return store.remove("drafts", visit.id);
      }).then(function () {
        form.hidden = true;
        document.getElementById("submitted-note").hidden = false;
        root.dataset.submitted = id;
        return navigator.onLine ? outbox.flush() : null;
      }).then(function () {
        return store.get("outbox", id);
      }).then(function (item) {
        // Sent at once: on to the visit's page, as after a plain post.
        if (item && item.state === "sent") { window.location.assign(visit.detailUrl); }
      });
    });
  }

  function addPhotos() {
    var input = document.getElementById("id_file");
    var files = Array.prototype.slice.call(input.files);
    var chain = Promise.resolve();
    files.forEach(function (file) {
      chain = chain.then(function () {
        return outbox.add({ kind: "photo", uuid: crypto.randomUUID(), visit: visit.id,
                            firm: visit.firm, url: visit.photoUrl, name: file.name,
                            type: file.type, blob: file });
      });
    });
    // The photo travels in the outbox, not with the form's own post.
    input.value = "";
    return chain.then(function () { note(t("photo_kept", { count: files.length })); });
  }

  function restore() {
    return store.get("drafts", visit.id).then(function (draft) {
      if (!draft) { return; }
      var serverAt = form.dataset.draftSaved;
      if (serverAt && new Date(serverAt) >= new Date(draft.typed_at)) { return; }
      applyAnswers(draft.answers);
      note(t("restored", { time: new Date(draft.typed_at).toLocaleString(root.lang) }));
    });
  }

  /* Without storage on the phone the form is the plain HTML one: leaving it with changes
     that were not saved asks first. */
  function guardUnsaved() {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  function start() {
    form = document.getElementById("visit-form");
    if (!form) { return; }
    if (!store.available) {
      guardUnsaved();
      return;
    }
    visit = { id: Number(form.dataset.visit), firm: form.dataset.firm,
              draftUrl: form.dataset.draftUrl, submitUrl: form.dataset.submitUrl,
              photoUrl: form.dataset.photoUrl, detailUrl: form.dataset.detailUrl };
    messages = JSON.parse(document.getElementById("rule-messages").textContent);
    questions = Array.prototype.map.call(form.querySelectorAll(".question[data-rules]"),
      function (block) {
        var q = JSON.parse(block.dataset.rules);
        q.text = block.dataset.text;
        q.labels = {};
        block.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (i) {
          q.labels[i.value] = i.closest("label") ? i.closest("label").textContent.trim() : i.value;
        });
        return q;
      });
    form.addEventListener("input", keep);
    form.addEventListener("change", function (event) {
      if (event.target.id === "id_file") { addPhotos(); } else { keep(); }
    });
    form.querySelector("button[value=submit]").addEventListener("click", submit);
    form.querySelector("button[value=save]").addEventListener("click", function (event) {
      var token = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
      var field = form.querySelector("[name=csrfmiddlewaretoken]");
      if (token && field) { field.value = decodeURIComponent(token[1]); }
      if (!navigator.onLine) {
        event.preventDefault();
        keep();
      }
    });
    window.addEventListener("beforeunload", function (event) {
      if (pendingWrites > 0) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    restore().then(function () {
      return store.outbox();
    }).then(function (items) {
      // Reopened while its submission waits in the outbox: say so instead of a blank form.
      var waiting = items.some(function (i) {
        return i.kind === "submission" && i.visit === visit.id && i.state === "waiting";
      });
      if (waiting) {
        form.hidden = true;
        document.getElementById("submitted-note").hidden = false;
      }
    }).then(function () {
      // Milliseconds from the start of the navigation until the answers are in place.
      root.dataset.formReady = String(Math.round(performance.now()));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
