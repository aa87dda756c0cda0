"""A choice question's options in every content language: the Turkish list holds the
codes, a translation labels the same codes, and a label not yet translated is the Turkish
one, marked as such."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from fieldvisits.forms import QuestionnaireForm
from fieldvisits.models import Question

K = Question.Kind


def obstacles(**translations):
    return Question(code="main_obstacle", text_tr="En önemli engel", kind=K.SINGLE_CHOICE,
                    choices_tr="finance|Finansman\nstaff|Nitelikli personel", **translations)


def test_an_english_reader_gets_english_labels_for_the_same_codes():
    question = obstacles(choices_en="finance|Finance\nstaff|Skilled staff")
    with translation.override("en"):
        assert question.choice_list() == [("finance", "Finance"), ("staff", "Skilled staff")]
        assert not any(label.fallback for _code, label in question.choice_list())


def test_a_label_not_yet_translated_is_the_turkish_one_marked_as_a_fallback():
    question = obstacles(choices_en="finance|Finance")
    with translation.override("en"):
        labels = dict(question.choice_list())
    assert (labels["staff"], labels["staff"].fallback, labels["staff"].language) == (
        "Nitelikli personel", True, "tr")
    assert not labels["finance"].fallback


def test_the_field_app_says_which_options_are_in_another_language():
    question = obstacles(choices_en="finance|Finance")
    with translation.override("en"):
        field = QuestionnaireForm([question]).fields["main_obstacle"]
        assert list(field.choices) == [("finance", "Finance"),
                                       ("staff", "Nitelikli personel (in Turkish)")]


def test_a_translation_naming_a_code_the_turkish_list_lacks_is_refused():
    question = obstacles(choices_fa="finance|تأمین مالی\nlogistics|لجستیک")
    with pytest.raises(ValidationError) as refused:
        question.clean()
    assert list(refused.value.message_dict) == ["choices_fa"]
    assert "“logistics”" in refused.value.message_dict["choices_fa"][0]


def test_an_answer_is_checked_against_the_turkish_codes_in_any_language():
    question = obstacles(choices_en="finance|Finance\nstaff|Skilled staff")
    with translation.override("fa"):
        assert question.parse("staff") == "staff"
        with pytest.raises(ValidationError):
            question.parse("Skilled staff")
