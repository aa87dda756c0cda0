"""The migrations that give the programme, the council and the questionnaires a column per
content language keep every text: the single column becomes the Turkish one."""

import datetime

import pytest

from tests.schema import migrate, migrated_back

BEFORE = [("tracker", "0017_merge_content_languages"),
          ("fieldvisits", "0012_merge_content_languages")]
AFTER = [("tracker", "0018_programme_and_council_languages"),
         ("fieldvisits", "0013_questionnaire_languages")]


@pytest.mark.django_db(transaction=True)
def test_the_single_columns_become_the_turkish_ones_with_their_text():
    with migrated_back(BEFORE) as old:
        program = old.get_model("tracker", "Program").objects.create(
            name="Kayseri İhracatta Dönüşüm", slug="kayseri", province="Kayseri",
            start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2028, 12, 31),
            description="Üç yıllık yol haritası.")
        meeting = old.get_model("tracker", "CouncilMeeting").objects.create(
            program=program, date=datetime.date(2026, 2, 10), title="Kuruluş toplantısı")
        old.get_model("tracker", "Decision").objects.create(
            meeting=meeting, number=1, text="Çalışma esasları kabul edildi.")
        questionnaire = old.get_model("fieldvisits", "Questionnaire").objects.create(
            program=program, name="Ziyaret anketi")
        version = old.get_model("fieldvisits", "QuestionnaireVersion").objects.create(
            questionnaire=questionnaire, number=1)
        section = old.get_model("fieldvisits", "Section").objects.create(
            version=version, order=1, title="Engeller")
        old.get_model("fieldvisits", "Question").objects.create(
            section=section, order=1, code="main_obstacle", text="En önemli engel",
            help_text="Birini seçin", kind="single_choice", unit="", choices="finance|Finansman")

        new = migrate(AFTER)
        program = new.get_model("tracker", "Program").objects.get(slug="kayseri")
        assert (program.name_tr, program.name_en, program.name_fa) == (
            "Kayseri İhracatta Dönüşüm", "", "")
        assert program.description_tr == "Üç yıllık yol haritası."
        meeting = new.get_model("tracker", "CouncilMeeting").objects.get(program=program)
        assert (meeting.title_tr, meeting.title_en) == ("Kuruluş toplantısı", "")
        decision = new.get_model("tracker", "Decision").objects.get(meeting=meeting)
        assert decision.text_tr == "Çalışma esasları kabul edildi."
        section = new.get_model("fieldvisits", "Section").objects.get(version__pk=version.pk)
        assert section.title_tr == "Engeller"
        question = new.get_model("fieldvisits", "Question").objects.get(section=section)
        assert (question.text_tr, question.help_text_tr, question.choices_tr, question.text_en) \
            == ("En önemli engel", "Birini seçin", "finance|Finansman", "")
