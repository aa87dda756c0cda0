"""A report prints content that has no translation in its language in the original and
says so once: one note on its cover names the original's language, and no "(in Turkish)"
follows each such text. The stored snapshot keeps the texts plain and names those
languages, so a PDF drawn again from it prints the same note; a snapshot stored while each
text carried its own marker is drawn again as it was."""

import io
import unicodedata

import pytest
from django.utils import translation
from pypdf import PdfReader

from reports import field_study, firm_feedback, institution, programme
from reports.comparison import compare
from reports.models import Report
from reports.services import request_report
from reports.snapshot import ORIGINAL_LANGUAGES
from tests.reports.conftest import pdf_text, report_bytes, shared_report_fixtures
from tracker.models import Action

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())

NOTE = "Texts with no English translation are shown in their original language (Turkish)."
MODULES = {Report.Kind.PROGRAMME: programme, Report.Kind.INSTITUTION: institution,
           Report.Kind.FIELD_STUDY: field_study, Report.Kind.FIRM_FEEDBACK: firm_feedback}


def issued(report_data, personas, language, kind=Report.Kind.PROGRAMME):
    subject = {Report.Kind.INSTITUTION: {"institution": personas.kto},
               Report.Kind.FIRM_FEEDBACK: {"firm": report_data.visited_firms[0]}}
    report = request_report(program=report_data.program, kind=kind,
                            period=report_data.locked_period, by=personas.coordinator,
                            language=language, **subject.get(kind, {}))
    assert report.status == Report.Status.DONE, report.error
    return report


def pages(data):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def drawn_again(snapshot, kind, language):
    buffer = io.BytesIO()
    with translation.override(language):
        MODULES[kind].render(snapshot, buffer)
    return buffer.getvalue()


def test_an_english_report_prints_an_untranslated_decision_as_written(report_data, personas):
    text = pdf_text(report_bytes(issued(report_data, personas, "en")))
    assert "Kümelenme çalıştayı düzenlenecek" in text
    assert "Koordinasyon kurulu 2. toplantı" in text
    assert "(in Turkish)" not in text


@pytest.mark.parametrize("kind", list(MODULES))
def test_every_english_report_says_once_on_its_cover_which_texts_are_in_turkish(
        report_data, personas, kind):
    # The test programme's name is Turkish only, so every kind has a text to explain.
    printed = pages(report_bytes(issued(report_data, personas, "en", kind)))
    assert NOTE in printed[0]
    assert " ".join(printed).count(NOTE) == 1
    assert "(in Turkish)" not in " ".join(printed)


def test_the_persian_report_says_it_once_and_marks_no_title(report_data, personas):
    data = report_bytes(issued(report_data, personas, "fa"))
    lines = [unicodedata.normalize("NFKC", line) for page in PdfReader(io.BytesIO(data)).pages
             for line in page.extract_text().splitlines()]
    text = " ".join(lines)
    with translation.override("fa"):
        marker = translation.gettext("(in %(language)s)") % {
            "language": translation.gettext("Turkish")}
    assert marker == "(به ترکی)"
    # One note ("… shown in their original language (Turkish)"); a marker would add
    # "به ترکی" after each title.
    assert text.count("به زبان اصلی خود") == 1
    assert "به ترکی" not in text
    assert "Kümelenme çalıştayı düzenlenecek" in text


def test_a_report_wholly_in_its_language_has_no_note(report_data, personas):
    report = issued(report_data, personas, "tr")
    text = pdf_text(report_bytes(report))
    assert "çevirisi olmayan" not in text
    assert "(Türkçe)" not in text
    assert Report.objects.get(pk=report.pk).snapshot[ORIGINAL_LANGUAGES] == []


def test_the_turkish_edition_notes_a_text_written_only_in_english(report_data, personas):
    program = report_data.program
    program.name_tr, program.name_en = "", "Export Transformation Programme"
    type(program).objects.filter(pk=program.pk).update(name_tr="",
                                                       name_en=program.name_en)
    text = pdf_text(report_bytes(issued(report_data, personas, "tr")))
    assert "Export Transformation Programme" in text
    assert text.count("Türkçe çevirisi olmayan metinler özgün dillerinde gösterilmiştir "
                      "(İngilizce).") == 1


def test_the_stored_snapshot_keeps_titles_plain_and_names_their_language(
        report_data, personas):
    Action.objects.filter(goal__pillar__plan__program=report_data.program,
                          code="A1").update(title_en="")
    report = issued(report_data, personas, "en", Report.Kind.INSTITUTION)
    stored = Report.objects.get(pk=report.pk).snapshot
    titles = {action["code"]: action["title"] for action in stored["actions"]}
    assert titles["A1"] == "Yalın üretim eğitimi"
    assert stored[ORIGINAL_LANGUAGES] == ["tr"]

    rebuilt = pages(drawn_again(stored, Report.Kind.INSTITUTION, "en"))
    assert rebuilt == pages(report_bytes(report))
    assert NOTE in rebuilt[0]
    assert "A1 Yalın üretim eğitimi" in " ".join(rebuilt)


def test_a_snapshot_stored_with_a_marker_per_text_is_drawn_again_as_it_was(
        report_data, personas):
    report = issued(report_data, personas, "en", Report.Kind.INSTITUTION)
    earlier = dict(Report.objects.get(pk=report.pk).snapshot)
    del earlier[ORIGINAL_LANGUAGES]
    earlier["programme"] += " (in Turkish)"
    earlier["actions"] = [{**action, "title": f"{action['title']} (in Turkish)"}
                          for action in earlier["actions"]]
    text = " ".join(pages(drawn_again(earlier, Report.Kind.INSTITUTION, "en")))
    assert "A1 Yalın üretim eğitimi (in Turkish)" in text
    assert "(in Turkish) (in Turkish)" not in text
    assert NOTE not in text


def test_a_reissue_lists_no_change_against_a_version_stored_with_markers(
        report_data, personas):
    report = issued(report_data, personas, "en")
    now = Report.objects.get(pk=report.pk).snapshot
    earlier = {key: value for key, value in now.items() if key != ORIGINAL_LANGUAGES}
    earlier["decisions"] = [{**decision, "meeting": decision["meeting"].replace(
        "toplantı", "toplantı (in Turkish)"), "text": f"{decision['text']} (in Turkish)"}
        for decision in now["decisions"]]
    with translation.override("en"):
        assert compare(earlier, now) == []
        assert compare({**earlier, "decisions": []}, now) != []
