"""One source of rules: the phone's validator (rules.js) agrees with Question.parse on the
same cases, code and message."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from fieldvisits.queries import version_questions
from fieldvisits.rules import question_rules, rule_messages
from tests.factories import questionnaire_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

CASES = [
    ("maturity", ""), ("maturity", "4"), ("maturity", "0"), ("maturity", "6"),
    ("maturity", "3.5"), ("maturity", "abc"), ("maturity", " 5 "), ("maturity", "1e0"),
    ("capacity", "72"), ("capacity", "72,5"), ("capacity", "150"), ("capacity", "-1"),
    ("capacity", "1.2.3"), ("capacity", "Infinity"), ("capacity", "NaN"),
    ("capacity", "1_000"), ("capacity", ".5"), ("capacity", "5."), ("capacity", "+3"),
    ("capacity", "   "), ("staff_needed", "3"), ("staff_needed", "3.0"),
    ("staff_needed", "3.5"), ("staff_needed", "501"), ("staff_needed", "-0"),
    ("staff_needed", "1e2"), ("staff_needed", "1e3"), ("staff_needed", ""),
    ("turnover", "12,5"), ("turnover", "1001"), ("turnover", "abc"),
    ("main_obstacle", "finance"), ("main_obstacle", "other"),
    ("main_obstacle", ["finance", "logistics"]), ("main_obstacle", []),
    ("obstacles", ["finance", "staff"]), ("obstacles", ["nope"]), ("obstacles", "finance"),
    ("obstacles", [" staff "]), ("has_rnd", "yes"), ("has_rnd", "No"), ("has_rnd", "TRUE"),
    ("has_rnd", "0"), ("has_rnd", "maybe"), ("follow_up", "2026-10-01"),
    ("follow_up", "2026-02-30"), ("follow_up", "01.10.2026"), ("follow_up", "20261001"),
    ("follow_up", "2024-02-29"), ("follow_up", "2023-02-29"), ("follow_up", "1405/09/15"),
    ("follow_up", "۱۴۰۵/۰۹/۱۵"), ("follow_up", "1403/12/30"), ("follow_up", "۱۴۰۴/۱۲/۳۰"),
    ("follow_up", "1405/13/01"), ("follow_up", "1405/07/31"), ("follow_up", "1100/01/01"),
    ("follow_up", "1405-9-5"), ("follow_up", "1405/09"), ("notes", "x" * 4000),
    ("notes", "x" * 4001), ("notes", "ğ" * 4001), ("notes", "🙂" * 4000),
]


def server_verdict(question, raw, messages):
    try:
        value = question.parse(raw)
    except ValidationError as error:
        return [error.code, " ".join(error.messages)]
    if value is None and question.required:
        return ["required", messages["required"]]
    return None


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_phone_and_the_server_judge_every_case_alike(chromium_browser, personas,
                                                         language):
    questions = {q.code: q for q in version_questions(questionnaire_version(personas.program))}
    with translation.override(language):
        messages = rule_messages()
        expected = [server_verdict(questions[code], raw, messages) for code, raw in CASES]
    page = chromium_browser.new_page()
    try:
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        page.add_script_tag(path=str(settings.BASE_DIR / "static" / "field" / "rules.js"))
        phone = page.evaluate(
            "([cases, messages]) => cases.map(([rules, raw]) => {"
            " const r = FieldRules.check(rules, raw, messages);"
            " return r ? [r.code, r.message] : null; })",
            [[[question_rules(questions[code]), raw] for code, raw in CASES], messages])
    finally:
        page.close()
    disagreements = [(case, server, mine) for case, server, mine in zip(CASES, expected, phone,
                                                                        strict=True)
                     if server != mine]
    assert disagreements == []
