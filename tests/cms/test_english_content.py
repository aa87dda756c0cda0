"""The English site reads English: a crawl of every public page type on /en/, over a
programme built like the demo (its Turkish and English texts), finds no Turkish word
outside proper names and outside elements marked ``lang="tr"`` (a missing translation,
shown in the original with its marker)."""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from cms.demo import seed_directory_page, seed_public_site
from cms.models import DirectoryPage
from directory.demo import CAPACITY
from fieldvisits.demo import CAPABILITIES, capability_english
from fieldvisits.models import Capability
from tests.cms.pages import PAGE_TYPES, url_of
from tests.directory.factories import ListingFactory
from tests.factories import (
    ActionFactory,
    AssessmentFactory,
    FirmFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    InstitutionFactory,
    MilestoneFactory,
    PhaseFactory,
    PillarFactory,
    PlanVersionFactory,
    ProgramFactory,
    ReportingPeriodFactory,
    TaskFactory,
    member,
)
from tests.scoped_data import copy_of_rows, rows_for_scope
from tracker import demo
from tracker import demo_english as english
from tracker.access import Role
from tracker.models import Action, IndicatorTarget, PlanVersion
from tracker.roles import sync_role_groups

pytestmark = pytest.mark.django_db

TURKISH_LETTERS = re.compile(r"[ğĞşŞıİçÇöÖüÜ]")
WORD = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]")
# Proper names a page may print in English too: places, institutions and their acronyms,
# the phases' own names and the demo firms' legal forms.
PROPER_NAMES = {name.lower() for name in (
    "Kayseri", "Kahramanmaraş", "Çorum", "Gaziantep", "Samsun", "Trabzon", "Kocasinan",
    "Melikgazi", "Talas", "Develi", "Yahyalı", "İncesu", "TİM", "KOSGEB", "İŞKUR", "OAİB",
    "KAGİD", "ERÜ", "KAYÜ", "AGÜ", "KAYSO", "KTO", "KTB", "ORAN", "OSB", "A.Ş", "Türkçe",
)}


def _po_words(language):
    """Words the UI's translation uses that its English source never does."""
    text = (Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
            ).read_text(encoding="utf-8")
    source, translated = set(), set()
    for kind, body in re.findall(r'^(msgid|msgstr)\s+"(.*)"$', text, flags=re.M):
        words = {word.lower() for word in WORD.findall(re.sub(r"%\(\w+\)\w|\{\w+\}", " ",
                                                                 body))}
        (source if kind == "msgid" else translated).update(words)
    return {word for word in translated - source if len(word) > 2}


# The UI's Turkish words, and the demo content's most common Turkish words without a
# Turkish letter.
TURKISH_UI_WORDS = _po_words("tr") | {"milyon", "firma", "adet", "eylem", "hedef", "kurum"}


class VisibleText(HTMLParser):
    """Text and reader-facing attributes of a page, with the language each is in."""

    SKIPPED = {"script", "style", "template"}
    ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.pieces = []

    def _language(self):
        return next((lang for _tag, lang, _skip in reversed(self.stack) if lang), "")

    def _skipping(self):
        return any(skip for _tag, _lang, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").split("-")[0]
        if not self._skipping():
            for name in self.ATTRIBUTES & set(attrs):
                self.pieces.append((lang or self._language(), attrs[name] or ""))
        if tag not in self.VOID:
            self.stack.append((tag, lang, tag in self.SKIPPED))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if data.strip() and not self._skipping():
            self.pieces.append((self._language(), data))


def turkish_words(html, proper_names=frozenset()):
    """``(words checked, Turkish words found)`` in the parts of ``html`` not marked as
    another language than the page's; ``proper_names`` (lower case) are let through."""
    parser = VisibleText()
    parser.feed(html)
    checked, found = 0, []
    for language, text in parser.pieces:
        if language and language != "en":
            continue
        for word in WORD.findall(text):
            checked += 1
            folded = word.lower()
            if {folded, folded.rstrip(".")} & (PROPER_NAMES | proper_names):
                continue
            if TURKISH_LETTERS.search(word) or folded in TURKISH_UI_WORDS:
                found.append(word)
    return checked, found


def _demo_like_programme():
    """The demo's roadmap, plan, indicators and listed firms, built with factories from
    the demo's own Turkish and English texts."""
    groups = sync_role_groups()
    program = ProgramFactory(name="Kayseri", slug="kayseri-english", province="Kayseri")
    institutions = {short: InstitutionFactory(program=program, name=name, short_name=short)
                    for name, short, _kind in demo.INSTITUTIONS[:5]}
    coordinator = member(program, Role.COORDINATOR, "english-coordinator")
    phases = {}
    for order, name_tr, name_en, start, end, summary_tr, summary_en in demo.PHASES:
        phases[order] = PhaseFactory(program=program, order=order, name_tr=name_tr,
                                     name_en=name_en, summary_tr=summary_tr,
                                     summary_en=summary_en, start_date=start, end_date=end)
    for order, title, due, done, _owner, weight in demo.MILESTONES[:6]:
        MilestoneFactory(phase=phases[order], title=title,
                         title_en=english.MILESTONES[title], due_date=due, done_date=done,
                         weight=weight)
    plan = PlanVersionFactory(program=program, title="Eylem Planı",
                              title_en=english.PLAN_TITLE)
    lead = institutions["KTO"]
    stems, sectors = list(english.ACTION_STEMS), list(english.SECTORS)
    number = 0
    for code, name_tr, name_en in demo.PILLARS[:3]:
        pillar = PillarFactory(plan=plan, code=code, name_tr=name_tr, name_en=name_en)
        for title in demo.GOALS[code][:2]:
            goal = GoalFactory(pillar=pillar, title=title, title_en=english.GOALS[title])
            stem, sector = stems[number % len(stems)], sectors[number % len(sectors)]
            number += 1
            action = ActionFactory(
                goal=goal, lead=lead, title=f"{stem}: {sector}",
                title_en=english.action_title(stem, sector),
                description="Saha çalışması bulgularına dayanan eylem.",
                description_en=english.ACTION_DESCRIPTION,
                start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2027, 12, 31))
            action.partners.add(institutions["KAYSO"])
            for step in list(english.TASK_STEPS)[:2]:
                TaskFactory(action=action, title=f"{step} — {action.code}",
                            title_en=english.task_title(step, action.code))
    PlanVersion.objects.filter(pk=plan.pk).update(
        status=PlanVersion.Status.APPROVED, approved_at=timezone.now(),
        approved_by=coordinator)
    period = ReportingPeriodFactory(program=program, label="2025",
                                    start_date=datetime.date(2025, 1, 1),
                                    end_date=datetime.date(2025, 12, 31))
    for code, name_tr, name_en, unit, direction, baseline, targets, actual, _estimate \
            in demo.INDICATORS:
        indicator = IndicatorFactory(
            program=program, code=code, name_tr=name_tr, name_en=name_en, unit=unit,
            unit_en=english.UNITS[unit], direction=direction, baseline_value=baseline,
            baseline_source=demo.BASELINE_SOURCE, baseline_source_en=english.BASELINE_SOURCE)
        IndicatorTarget.objects.create(indicator=indicator, year=timezone.localdate().year,
                                       value=targets[0])
        IndicatorValueFactory(indicator=indicator, period=period, value=actual)
    period.locked_at = timezone.now()
    period.save(update_fields=["locked_at"])
    for index, nace in enumerate(["25.62", "24.51", "13.20", "31.09"]):
        firm = FirmFactory(program=program, nace_code=nace, district="Kocasinan",
                           trade_name=f"Erciyes Örnek {index} Sanayi A.Ş.")
        AssessmentFactory(firm=firm, assessor=coordinator)
        for kind, name in CAPABILITIES[nace[:2]]:
            Capability.objects.create(firm=firm, kind=kind, name_tr=name,
                                      name_en=capability_english(name))
        capacity_tr, capacity_en = CAPACITY.get(nace[:2], [("aylık 10 ton",
                                                            "10 tonnes a month")])[0]
        ListingFactory(firm=firm, recorded_by=coordinator, capacity=capacity_tr,
                       capacity_en=capacity_en)
    home = seed_public_site(program, groups[Role.EDITOR])
    seed_directory_page(home)
    return program


def _english_urls(client, program):
    urls = [url_of(page_class, "en") for page_class in PAGE_TYPES]
    plan_url = next(url for url in urls if "action-plan" in url)
    html = client.get(plan_url).content.decode()
    urls += sorted(set(re.findall(rf'href="({re.escape(plan_url)}[^"?#]+/)"', html)))
    directory = DirectoryPage.objects.live().filter(locale__language_code="en").first().url
    listing = program.firms.first().listing
    urls += [directory, f"{directory}?q=stainless+CNC", f"{directory}enquiry/?firm={listing.pk}",
             f"/en/careers/{program.slug}/", "/en/search/?q=export"]
    return urls


def _names_of(program):
    """The words of the programme's institution and firm names: proper names."""
    names = [*program.institutions.values_list("name", flat=True),
             *program.firms.values_list("trade_name", flat=True)]
    return frozenset(word.lower() for name in names for word in WORD.findall(name))


@pytest.fixture(scope="module")
def demo_like(django_db_setup, django_db_blocker):
    """The demo-like programme and its site, built once for the module's tests; what a
    test changes is rolled back after it (tests/scoped_data.py)."""
    with rows_for_scope(django_db_blocker, _demo_like_programme) as program:
        yield program


@pytest.fixture
def program(demo_like, db):
    return copy_of_rows(demo_like)


def test_no_turkish_word_on_any_english_page(client, program):
    proper_names = _names_of(program)
    pages, words, found = 0, 0, {}
    for url in _english_urls(client, program):
        response = client.get(url)
        assert response.status_code == 200, url
        checked, turkish = turkish_words(response.content.decode(), proper_names)
        pages, words = pages + 1, words + checked
        if turkish:
            found[url] = sorted(set(turkish))
    assert not found, f"Turkish on English pages ({pages} pages, {words} words): {found}"
    assert pages >= 16 and words > 2000, (pages, words)


def test_a_missing_translation_is_shown_in_the_original_with_its_marker(client, program):
    action = Action.objects.filter(goal__pillar__plan__program=program).first()
    Action.objects.filter(pk=action.pk).update(title_en="")
    html = client.get(url_of(PAGE_TYPES[2], "en")).content.decode()
    assert (f'<span lang="tr">{action.title_tr}</span> '
            '<small class="translation-fallback">(in Turkish)</small>') in html
    assert turkish_words(html, _names_of(program))[1] == []


def test_the_crawler_finds_turkish_outside_a_marked_element():
    checked, found = turkish_words(
        '<p>Exports <span class="unit">milyon USD</span></p><p lang="tr">Dönüşüm</p>'
        '<p>Kayseri</p>')
    assert checked == 4
    assert found == ["milyon"]
