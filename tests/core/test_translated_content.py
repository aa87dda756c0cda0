"""Translatable content: the reader's language, the original with a marker when a
translation is missing, and the languages an editor still has to fill."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core.translation import (
    fallback_marker,
    missing_filter,
    missing_label,
    missing_languages,
    pick,
    with_marker,
)
from tests.factories import ActionFactory, MilestoneFactory
from tracker.models import Milestone

pytestmark = pytest.mark.django_db


def test_a_reader_gets_the_text_in_their_language():
    milestone = MilestoneFactory(title="Saha bulguları raporu",
                                 title_en="Field findings report")
    with translation.override("en"):
        assert (milestone.title, milestone.title.fallback) == ("Field findings report", False)
    with translation.override("tr"):
        assert milestone.title == "Saha bulguları raporu"


def test_a_missing_translation_falls_back_to_the_original_and_says_so():
    milestone = MilestoneFactory(title="Ara değerlendirme raporu", title_en="")
    for language in ("en", "fa"):
        with translation.override(language):
            title = milestone.title
            assert (str(title), title.language, title.fallback) == (
                "Ara değerlendirme raporu", "tr", True)


def test_assigning_the_field_writes_the_original_column():
    milestone = MilestoneFactory(title="Eski", title_en="Old")
    milestone.title = "Yeni"
    milestone.save()
    milestone.refresh_from_db()
    assert (milestone.title_tr, milestone.title_en) == ("Yeni", "Old")


def test_an_editor_sees_which_languages_a_row_lacks():
    action = ActionFactory(title="Çalıştay: mobilya", title_en="Workshop: furniture",
                           description="Saha bulgularına dayanır.", description_en="")
    assert missing_languages(action) == ["en", "fa"]
    with translation.override("en"):
        assert missing_label(action) == "English, Persian"


def test_rows_lacking_a_language_can_be_listed():
    translated = MilestoneFactory(title="Kurul", title_en="Council")
    untranslated = MilestoneFactory(title="Çalıştay", title_en="")
    lacking_english = Milestone.objects.filter(missing_filter(Milestone, "en"))
    assert list(lacking_english) == [untranslated]
    assert translated in Milestone.objects.filter(missing_filter(Milestone, "fa"))


def _render(source, **context):
    return Template("{% load translated_content %}" + source).render(Context(context))


def test_a_fallback_is_marked_with_its_language():
    milestone = MilestoneFactory(title="Kurul <toplantısı>", title_en="")
    with translation.override("en"):
        html = _render("{{ m.title|in_language }}", m=milestone)
    assert html == ('<span lang="tr">Kurul &lt;toplantısı&gt;</span> '
                    '<small class="translation-fallback">(in Turkish)</small>')


def test_a_text_without_letters_is_the_same_in_every_language_and_carries_no_marker():
    assert with_marker(pick({"tr": "%", "en": "", "fa": ""}, "fa")) == "%"
    assert with_marker(pick({"tr": "2026–2028", "en": "", "fa": ""}, "en")) == "2026–2028"
    with translation.override("fa"):
        assert with_marker(pick({"tr": "ton", "en": "", "fa": ""}, "fa")) == \
            f"ton {fallback_marker('tr')}"


def test_text_in_the_readers_language_carries_no_marker():
    milestone = MilestoneFactory(title="Kurul", title_en="Council <meeting>")
    with translation.override("en"):
        assert _render("{{ m.title|in_language }}", m=milestone) == "Council &lt;meeting&gt;"


def test_a_list_puts_the_readers_language_first_and_marks_the_rest_together():
    names = [MilestoneFactory(title=tr, title_en=en) for tr, en in
             [("Flanş", "flanges"), ("Döküm", ""), ("Kaynak", "welding"), ("Pik", "")]]
    with translation.override("en"):
        html = _render("{{ items|join_in_language }}", items=[m.title for m in names])
    assert html == ('flanges, welding, <span lang="tr">Döküm, Pik</span> '
                    '<small class="translation-fallback">(in Turkish)</small>')


def test_a_listing_heads_a_translated_column_with_the_fields_name():
    from django.contrib.admin.utils import label_for_field

    from tracker.models import Task

    with translation.override("tr"):
        assert str(label_for_field("title", Task)) == "başlık"
        assert str(label_for_field("title", Milestone)) == "başlık"
    with translation.override("en"):
        assert str(label_for_field("title", Task)) == "title"
