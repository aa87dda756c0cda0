/* The questionnaire on the phone: answers are kept on the phone as they are typed (and
   sent as a draft when the network allows), photos wait in the outbox (photos.js), and
   submitting checks the answers with the server's rules, shows a summary, asks once, and
   puts the submission in the outbox with a UUID made here. When the server holds another
   version (another phone's newer draft, or a submission made elsewhere) both are shown
   field by field and the agent keeps theirs, takes the other or merges; what was typed
   here is never replaced unasked. Without JavaScript the form posts as plain HTML. */
(function () {
  "use strict";

  var store = window.FieldStore;
  var outbox = window.FieldOutbox;
  var form, visit, messages, questions, pendingWrites = 0, writes = Promise.resolve();
  // The server's other version while the agent has not chosen yet (kept with every draft).
  var openConflict = null;
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
        } else if (q.kind === "date" && input.type === "text" && ISO_DATE.test(value)) {
          // A Persian reader's typed Solar Hijri input, given a stored (Gregorian) answer.
          input.value = solarHijriText(value);
        } else {
          input.value = value;
        }
      });
    });
  }

  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  /* 2026-12-06 → ۱۴۰۵/۰۹/۱۵, as core.date_fields shows a date to a Persian reader. */
  function solarHijriText(iso) {
    var p = iso.split("-");
    var parts = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
      timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit"
    }).formatToParts(new Date(Date.UTC(+p[0], +p[1] - 1, +p[2])));
    var part = function (type) {
      return parts.filter(function (x) { return x.type === type; })[0].value;
    };
    return (part("year") + "/" + part("month") + "/" + part("day")).replace(/\d/g, function (d) {
      return String.fromCharCode(0x06f0 + Number(d));
    });
  }

  function note(text) {
    var status = document.getElementById("form-status");
    status.textContent = text;
  }

  function keep() {
    var draft = { visit: visit.id, answers: readAnswers(), typed_at: new Date().toISOString(),
                  synced: false, url: visit.draftUrl, conflict: openConflict };
    pendingWrites += 1;
    writes = writes.then(function () { return store.putDraft(draft); })
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

  function valueLabels() {
    var result = {};
    questions.forEach(function (q) {
      if (Object.keys(q.labels).length) { result[q.code] = q.labels; }
    });
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
    return store.items().then(function (items) {
      var photos = items.filter(function (i) {
        return i.kind === "photo" && i.visit === visit.id;
      });
      dialog.querySelector(".summary-photos").textContent = t("photos_with_it", {
        count: photos.length,
        waiting: photos.filter(function (i) { return i.state !== "sent"; }).length });
      return new Promise(function (resolve) {
        dialog.addEventListener("close", function handler() {
          dialog.removeEventListener("close", handler);
          resolve(dialog.returnValue === "send");
        });
        dialog.returnValue = "";
        dialog.showModal();
      });
    });
  }

  var submitting = false;

  /* One submission per tap sequence: a second tap on Submit, or on the dialog's button,
     while the first is on its way does nothing. */
  function submit(event) {
    event.preventDefault();
    if (submitting) { return; }
    var answers = readAnswers();
    var problems = check(answers);
    if (Object.keys(problems).length) {
      showErrors(problems);
      note(t("fix_first", { count: Object.keys(problems).length }));
      return;
    }
    showErrors({});
    submitting = true;
    confirmSubmit(answers).then(function (send) {
      if (!send) { submitting = false; return; }
      var id = crypto.randomUUID();
      return writes.then(function () {
        return outbox.add({ kind: "submission", uuid: id, visit: visit.id, firm: visit.firm,
                            url: visit.submitUrl, answers: answers, labels: labels(),
                            value_labels: valueLabels() });
      }).then(function () {
        return store.removeDraft(visit.id);
      }).then(function () {
        form.hidden = true;
        document.getElementById("submitted-note").hidden = false;
        root.dataset.submitted = id;
        return navigator.onLine ? outbox.flush() : null;
      }).then(function () {
        return store.getItem(id);
      }).then(function (item) {
        // Sent by the run that followed its queueing: on to the visit's page, as after a
        // plain post. Offline or refused, the agent stays with the "submitted" note.
        if (item && item.state === "sent") { window.location.assign(visit.detailUrl); }
      });
    });
  }

  /* The phone's own typing is shown whenever the server has not got it yet (or has it
     already); a newer version on the server is shown next to it, never instead. */
  function restore() {
    return store.getDraft(visit.id).then(function (draft) {
      if (!draft) { return; }
      var serverAt = form.dataset.draftSaved;
      var serverNewer = serverAt && new Date(serverAt) > new Date(draft.typed_at);
      if (serverNewer && draft.synced && !draft.conflict) { return; }
      var onPage = readAnswers();
      applyAnswers(draft.answers);
      note(t("restored", { time: new Date(draft.typed_at).toLocaleString(root.lang) }));
      if (serverNewer && !draft.conflict && differing(draft.answers, onPage).length) {
        draft.conflict = { answers: onPage, saved_at: serverAt };
        return store.putDraft(draft).then(function () { return draft; });
      }
      return draft;
    }).then(showConflict);
  }

  function same(a, b) {
    var norm = function (v) {
      return Array.isArray(v) ? v.slice().sort().join("\u0000") : String(v === undefined ? "" : v);
    };
    return norm(a) === norm(b);
  }

  function differing(mine, theirs) {
    return questions.filter(function (q) { return !same(mine[q.code], theirs[q.code]); });
  }

  /* Both versions, question by question, with the agent's choice per question. */
  function showConflict(draft) {
    var panel = document.getElementById("conflict");
    if (!panel) { return; }
    if (!draft || !draft.conflict) { panel.hidden = true; return; }
    openConflict = draft.conflict;
    var theirs = draft.conflict.answers || {};
    var mine = readAnswers();
    var rows = differing(mine, theirs);
    if (!rows.length) {
      openConflict = null;
      delete draft.conflict;
      panel.hidden = true;
      return store.putDraft(draft);
    }
    var list = panel.querySelector(".conflict-rows");
    list.textContent = "";
    rows.forEach(function (q) {
      var row = document.createElement("fieldset");
      row.className = "conflict-row";
      row.dataset.code = q.code;
      var legend = document.createElement("legend");
      legend.textContent = q.text;
      row.appendChild(legend);
      [["mine", mine[q.code]], ["theirs", theirs[q.code]]].forEach(function (pair, index) {
        var label = document.createElement("label");
        var input = document.createElement("input");
        input.type = "radio";
        input.name = "conflict-" + q.code;
        input.value = pair[0];
        input.checked = index === 0;
        label.appendChild(input);
        var text = document.createElement("span");
        var value = shown(q, pair[1] === undefined ? "" : pair[1]);
        text.textContent = t(pair[0] === "mine" ? "version_mine" : "version_theirs") + ": " +
          (String(value).trim() ? value : "—");
        label.appendChild(text);
        row.appendChild(label);
      });
      list.appendChild(row);
    });
    panel.hidden = false;
    root.dataset.conflict = String(rows.length);
  }

  function resolveConflict(choice) {
    if (!openConflict) { return; }
    var theirs = openConflict.answers || {};
    var merged = readAnswers();
    document.querySelectorAll("#conflict .conflict-row").forEach(function (row) {
      var code = row.dataset.code;
      var picked = choice === "merge" ? row.querySelector("input:checked").value : choice;
      if (picked === "theirs") { merged[code] = theirs[code] === undefined ? "" : theirs[code]; }
    });
    applyAnswers(merged);
    openConflict = null;
    document.getElementById("conflict").hidden = true;
    delete root.dataset.conflict;
    // The chosen version is the newest draft now: kept here and sent as such.
    keep();
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
      if (event.target.type !== "file") { keep(); }
    });
    var panel = document.getElementById("conflict");
    panel.querySelectorAll("button[data-choice]").forEach(function (button) {
      button.addEventListener("click", function () { resolveConflict(button.dataset.choice); });
    });
    document.addEventListener("outbox-rendered", function (event) {
      var items = event.detail;
      var mine = items.filter(function (i) {
        return i.kind === "submission" && i.visit === visit.id;
      });
      var last = mine[mine.length - 1];
      var noteNode = document.getElementById("submitted-note");
      if (last && last.state === "refused" && form.hidden) {
        // Refused: the form comes back with the answers, and the server's version beside.
        form.hidden = false;
        noteNode.hidden = true;
        submitting = false;
        restore();
      }
      if (last && last.state === "sent" && !noteNode.hidden) {
        // The submission reached the server: the "waiting in the outbox" note goes.
        noteNode.querySelector(".submitted-text").textContent = t("submission_sent");
        noteNode.dataset.sent = "1";
      }
      if (document.getElementById("conflict").hidden) {
        store.getDraft(visit.id).then(function (draft) {
          if (draft && draft.conflict) { showConflict(draft); }
        });
      }
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
    outbox.ready().then(restore).then(function () {
      return store.items();
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
