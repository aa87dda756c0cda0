"""The questions' validation rules as the phone's validator (static/field/rules.js) reads
them. ``Question.parse`` stays the one definition: these are its bounds, choices and
messages, handed to the phone, and a parity test runs the same cases through both."""

from django.utils.translation import gettext as _


def question_rules(question):
    low, high = question.bounds()
    return {
        "code": question.code,
        "kind": question.kind,
        "required": question.required,
        "min": None if low is None else format(low.normalize(), "f"),
        "max": None if high is None else format(high.normalize(), "f"),
        "unit": question.unit,
        "choices": [code for code, _label in question.choice_list()],
    }


def rule_messages():
    """The messages of ``Question.parse`` with their placeholders, keyed by error code."""
    return {
        "required": _("This question is required."),
        "number": _("Enter a number."),
        "integer": _("Enter a whole number."),
        "min": _("Enter %(low)s%(unit)s or more."),
        "max": _("Enter %(high)s%(unit)s or less."),
        "choice": _("Choose one of the listed options."),
        "choices": _("“%(value)s” is not one of the options."),
        "yes_no": _("Answer yes or no."),
        "length": _("Keep the answer under 4,000 characters."),
        "date": _("Enter a date as YYYY-MM-DD."),
    }


