"""The questions' validation rules as the phone's validator (static/field/rules.js) reads
them. ``Question.parse`` stays the one definition: these are its bounds, choices and
messages, handed to the phone, and a parity test runs the same cases through both."""

from django.utils.translation import gettext as _

from core.jalali import FIRST_YEAR, LAST_SOLAR_HIJRI_LOOKING_YEAR, LAST_YEAR, LEAP_REMAINDERS
from core.jalali import MESSAGES as JALALI_MESSAGES
from fieldvisits.models.questionnaires import date_format_message


def question_rules(question):
    low, high = question.bounds()
    rules = {
        "code": question.code,
        "kind": question.kind,
        "required": question.required,
        "min": None if low is None else format(low.normalize(), "f"),
        "max": None if high is None else format(high.normalize(), "f"),
        "unit": question.unit,
        "choices": [code for code, _label in question.choice_list()],
    }
    if question.kind == question.Kind.DATE:
        # How a typed Solar Hijri date is told apart and checked (core.jalali).
        rules["solar_hijri"] = {"first": FIRST_YEAR, "last": LAST_YEAR,
                                "below": LAST_SOLAR_HIJRI_LOOKING_YEAR,
                                "leap": list(LEAP_REMAINDERS)}
    return rules


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
        "date": date_format_message(),
        **{f"solar_hijri_{reason}": str(message)
           for reason, message in JALALI_MESSAGES.items() if reason != "format"},
    }


