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
    return String(template).replace(/%\((\w+)\)s/g, function (_m, name) {
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
        return validDate(first) ? null : error("date", messages);
      default:
        return Array.from(first).length > TEXT_LIMIT ? error("length", messages) : null;
    }
  }

  window.FieldRules = { check: check, format: format };
})();
