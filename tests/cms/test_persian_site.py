"""The Persian public site at /fa/: a page of every type, right to left, in Persian words,
with Persian digits and Solar Hijri dates."""

import re

from cms.models import HomePage
from core.translation import columns
from tests.cms.language_check import crawl, foreign_sentences
from tests.cms.pages import PAGE_TYPES, page_of, url_of
from tracker.models import Action, Goal, Indicator, Institution, Milestone, Phase, Pillar, Task

# Not pages a reader browses: files and downloads have their own tests.
SKIPPED = ("/fa/search/?", "/static/", "/media/", "/documents/")


def test_every_page_type_has_a_persian_page_read_right_to_left(anonymous, site):
    for page_class in PAGE_TYPES:
        html = anonymous.get(url_of(page_class, "fa")).content.decode()
        assert '<html lang="fa" dir="rtl">' in html, page_class.__name__


def test_the_language_switch_offers_persian_in_its_own_name(anonymous, site):
    html = anonymous.get(url_of(HomePage, "en")).content.decode()
    persian_home = page_of(HomePage, "fa")
    assert f'<a href="{persian_home.url}" lang="fa" hreflang="fa">فارسی</a>' in html


def _record_content(program):
    """Texts of the programme's own records (titles, names, units): translating them is
    the records' business, not the site's; they are shown as entered until then."""
    texts = []
    for model, fields, scope in (
            (Phase, columns("name", "summary"), "program"),
            (Milestone, columns("title"), "phase__program"),
            (Pillar, columns("name"), "plan__program"),
            (Goal, columns("title"), "pillar__plan__program"),
            (Action, columns("title", "description"), "goal__pillar__plan__program"),
            (Task, columns("title"), "action__goal__pillar__plan__program"),
            (Indicator, columns("name", "unit", "baseline_source"), "program"),
            (Institution, ("name", "short_name"), "program")):
        for row in model.objects.filter(**{scope: program}).values_list(*fields):
            texts += [text for text in row if text]
    return texts


def test_the_persian_crawl_finds_no_sentence_in_another_script(anonymous, site):
    pages = crawl(anonymous, "/fa/", SKIPPED)
    pages.update(crawl(anonymous, "/fa/search/?q=" + "صادرات", SKIPPED))
    visited_types = {type(page.specific) for page in
                     page_of(HomePage, "fa").get_descendants(inclusive=True).live()}
    assert set(PAGE_TYPES) <= visited_types
    assert len(pages) >= 13
    content = _record_content(site.program)
    assert content, "the programme has records whose texts the pages show"
    found = {url: foreign_sentences(html, content=content) for url, html in pages.items()}
    found = {url: sentences for url, sentences in found.items() if sentences}
    assert not found, "\n".join(f"{url}: {sentences}" for url, sentences in found.items())


def test_the_checker_catches_a_latin_sentence_and_allows_names_codes_and_addresses():
    html = ('<main><p>گزارش برنامه</p><p>The report is ready.</p><p>KOSGEB</p>'
            '<p>Kayseri Ticaret Odası</p><p>NACE 25.62</p><p>program@example.org</p>'
            '<p lang="tr">Eylem planı onaylandı.</p></main>')
    assert foreign_sentences(html) == ["The report is ready."]


def test_figures_and_dates_are_written_in_persian_digits(anonymous, site):
    html = anonymous.get(url_of(HomePage, "fa")).content.decode()
    main = html.split('<main', 1)[1]
    assert re.search(r"[۰-۹]", main)
    roadmap = anonymous.get(url_of(PAGE_TYPES[1], "fa")).content.decode()
    # Phases of 2026 start on 1 January 2026: 11 Dey 1404 in the Solar Hijri calendar.
    assert "۱۴۰۴/۱۰/۱۱" in roadmap
    assert "01.01.2026" not in roadmap
