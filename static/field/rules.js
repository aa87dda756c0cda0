/* The phone's copy of the server's answer checks (Question.parse in
   fieldvisits/models/questionnaires.py). The rules (bounds, choices, required) and the
   messages come from the server with the page; a parity test runs the same cases
   through both. check() answers null for a good answer, else {code, message}. */
(function () {
  "use strict";

  var NUMBER = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
  var YES_NO = { yes: true, "true": true, "1": true, no: false, "false": false, "0": false };
  var TEXT_LIMIT = 4000;

  function format(template, params) {
    return String(template).replace(/%\((\w+)\)[sd]/g, function (_m, name) {
      return params[name] === undefined ? "" : params[name];
    });
  }

  function values(raw) {
    if (Array.isArray(raw)) {
      return raw.map(function (v) { return String(v).trim(); }).filter(Boolean);
    }
    if (raw === null || raw === undefined) { return []; }
    var text = String(raw).trim();
    return text ? [text] : [];
  }

  function validDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) || /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    if (!m) { return false; }
    var y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1 || mo < 1 || mo > 12 || d < 1) { return false; }
    var days = new Date(Date.UTC(2000, mo, 0)).getUTCDate();
    if (mo === 2) { days = (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28; }
    return d <= days;
  }

  // 1405/09/15, 1405-9-15 or 1405.09.15 (core.jalali.TYPED_DATE), digits made Latin.
  var TYPED_DATE = /^\s*(\d{4})\s*[\/\-.]\s*(\d{1,2})\s*[\/\-.]\s*(\d{1,2})\s*$/;

  function latinDigits(text) {
    return String(text).replace(/[\u06f0-\u06f9]/g, function (d) {
      return String(d.charCodeAt(0) - 0x06f0);
    }).replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); });
  }

  /* A typed Solar Hijri date, checked as core.jalali.parse_jalali checks it: null when it
     is not typed as one, "" when it is a real date, else the message of what is wrong. */
  function solarHijriProblem(text, calendar, messages) {
    var m = calendar ? TYPED_DATE.exec(latinDigits(text)) : null;
    if (!m || +m[1] >= calendar.below) { return null; }
    var y = +m[1], mo = +m[2], d = +m[3];
    if (y < calendar.first || y > calendar.last) {
      return error("solar_hijri_year", messages,
                   { year: y, first: calendar.first, last: calendar.last }).message;
    }
    if (mo < 1 || mo > 12) { return error("solar_hijri_month", messages, { month: mo }).message; }
    var leap = calendar.leap.indexOf(y % 33) >= 0;
    var days = mo <= 6 ? 31 : mo <= 11 ? 30 : leap ? 30 : 29;
    if (d < 1 || d > days) {
      if (mo === 12 && d === 30) {
        return error("solar_hijri_leap", messages, { year: y }).message;
      }
      return error("solar_hijri_days", messages, { month: mo, year: y, days: days }).message;
    }
    return "";
  }

  function checkDate(text, rules, messages) {
    var problem = solarHijriProblem(text, rules.solar_hijri, messages);
    if (problem === null) { return validDate(text) ? null : error("date", messages); }
    return problem ? { code: "date", message: problem } : null;
  }

  function unitText(unit) {
    if (!unit) { return ""; }
    return unit === "%" ? unit : " " + unit;
  }

  function error(code, messages, params) {
    return { code: code, message: format(messages[code] || code, params || {}) };
  }

  function checkNumber(text, rules, integral, messages) {
    text = text.replace(/,/g, ".");
    if (!NUMBER.test(text)) { return error("number", messages); }
    var number = Number(text.replace(/_/g, ""));
    if (!isFinite(number)) { return error("number", messages); }
    if (integral && !Number.isInteger(number)) { return error("integer", messages); }
    var unit = unitText(rules.unit);
    if (rules.min !== null && rules.min !== undefined && number < Number(rules.min)) {
      return error("min", messages, { low: rules.min, unit: unit });
    }
    if (rules.max !== null && rules.max !== undefined && number > Number(rules.max)) {
      return error("max", messages, { high: rules.max, unit: unit });
    }
    return null;
  }

  /* ``rules``: {kind, required, min, max, unit, choices}; ``raw``: a string or a list. */
  function check(rules, raw, messages) {
    messages = messages || {};
    var given = values(raw);
    if (!given.length) {
      return rules.required ? error("required", messages) : null;
    }
    var first = given[0];
    switch (rules.kind) {
      case "scale":
      case "integer":
        return checkNumber(first, rules, true, messages);
      case "decimal":
      case "percentage":
        return checkNumber(first, rules, false, messages);
      case "single_choice":
        return given.length === 1 && rules.choices.indexOf(first) >= 0
          ? null : error("choice", messages);
      case "multiple_choice":
        for (var i = 0; i < given.length; i++) {
          if (rules.choices.indexOf(given[i]) < 0) {
            var refused = error("choices", messages, { value: given[i] });
            refused.code = "choice";
            return refused;
          }
        }
        return null;
      case "yes_no":
        return Object.prototype.hasOwnProperty.call(YES_NO, first.toLowerCase())
          ? null : error("yes_no", messages);
      case "date":
        return checkDate(first, rules, messages);
      default:
        return Array.from(first).length > TEXT_LIMIT ? error("length", messages) : null;
    }
  }

  window.FieldRules = { check: check, format: format };
})();
