"""Every question type turns typed text into a typed value or a message for the field."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from fieldvisits.models import Question

K = Question.Kind


def question(kind, **extra):
    return Question(code="q", text="Soru", kind=kind, **extra)


VALID = [
    (question(K.SCALE), "4", Decimal(4)),
    (question(K.INTEGER, min_value=0, max_value=500), "12", Decimal(12)),
    (question(K.DECIMAL, min_value=0, max_value=1000), "12,5", Decimal("12.5")),
    (question(K.PERCENTAGE), "100", Decimal(100)),
    (question(K.SINGLE_CHOICE, choices="a|A\nb|B"), "b", "b"),
    (question(K.MULTIPLE_CHOICE, choices="a|A\nb|B\nc|C"), ["c", "a"], ["a", "c"]),
    (question(K.YES_NO), "yes", True),
    (question(K.YES_NO), "no", False),
    (question(K.TEXT), "  Fuar desteği  ", "Fuar desteği"),
    (question(K.DATE), "2026-10-01", datetime.date(2026, 10, 1)),
]

INVALID = [
    (question(K.SCALE), "6", "Enter 5 or less."),
    (question(K.SCALE), "0", "Enter 1 or more."),
    (question(K.SCALE), "2.5", "Enter a whole number."),
    (question(K.INTEGER, min_value=0, max_value=500, unit="kişi"), "501",
     "Enter 500 kişi or less."),
    (question(K.INTEGER), "on iki", "Enter a number."),
    (question(K.DECIMAL, min_value=0, max_value=1000), "-1", "Enter 0 or more."),
    (question(K.DECIMAL), "NaN", "Enter a number."),
    (question(K.PERCENTAGE, unit="%"), "150", "Enter 100% or less."),
    (question(K.SINGLE_CHOICE, choices="a|A\nb|B"), "z", "Choose one of the listed options."),
    (question(K.MULTIPLE_CHOICE, choices="a|A\nb|B"), ["a", "z"], "“z” is not one of the options."),
    (question(K.YES_NO), "belki", "Answer yes or no."),
    (question(K.TEXT), "x" * 4001, "Keep the answer under 4,000 characters."),
    (question(K.DATE), "01.10.2026", "Enter a date as YYYY-MM-DD."),
]


@pytest.mark.parametrize(("q", "raw", "expected"), VALID,
                         ids=[f"{c[0].kind}-{i}" for i, c in enumerate(VALID)])
def test_valid_answers_become_typed_values(q, raw, expected):
    assert q.parse(raw) == expected


@pytest.mark.parametrize(("q", "raw", "message"), INVALID,
                         ids=[f"{c[0].kind}-{i}" for i, c in enumerate(INVALID)])
def test_invalid_answers_get_a_message_for_the_field(q, raw, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            q.parse(raw)
        assert refused.value.messages == [message]


@pytest.mark.parametrize("kind", list(K))
def test_an_empty_answer_is_no_answer(kind):
    assert question(kind, choices="a|A").parse("") is None
    assert question(kind, choices="a|A").parse([]) is None


def test_choice_questions_need_choices_and_ranges_must_be_ordered():
    with pytest.raises(ValidationError) as no_choices:
        question(K.SINGLE_CHOICE).clean()
    assert "choices_tr" in no_choices.value.message_dict
    with pytest.raises(ValidationError) as reversed_range:
        question(K.INTEGER, min_value=10, max_value=1).clean()
    assert "max_value" in reversed_range.value.message_dict


@pytest.mark.django_db
def test_answers_are_shown_in_the_readers_number_conventions(personas):
    from decimal import Decimal

    from django.utils import translation

    from fieldvisits.models import Answer, Question
    from tests.factories import VisitFactory, questionnaire_version

    version = questionnaire_version(personas.program)
    visit = VisitFactory(program=personas.program, agent=personas.agent1)
    capacity = Question.objects.get(section__version=version, code="capacity")
    turnover = Question.objects.get(section__version=version, code="turnover")
    shown_capacity = Answer(visit=visit, question=capacity, value_number=Decimal("62.0000"))
    shown_turnover = Answer(visit=visit, question=turnover, value_number=Decimal("305.9000"))
    with translation.override("tr"):
        assert shown_capacity.display_value() == "%62"
        assert shown_turnover.display_value() == "305,9 M TL"
    with translation.override("en"):
        assert shown_capacity.display_value() == "62%"
        assert shown_turnover.display_value() == "305.9 M TL"
