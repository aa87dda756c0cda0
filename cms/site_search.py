"""The public site's search: one table of what a programme's site shows, in each language.

Each row is one searchable thing as a reader of one language tree sees it — a page, a
phase or milestone of the roadmap, a pillar, goal or action of the current plan, an
indicator, a published report, a listed firm — with its title, a short summary and the
address that shows it. ``rebuild_search_index`` writes a programme's rows from the same
reads the pages use (the worker runs it after a change, ``cms.jobs``); a search reads
one programme's rows of one language, so its cost does not grow with the number of
programmes.

Matching is Turkish-aware on both databases. The stored texts are lower-cased by
Turkish rules (İ→i, I→ı), so "ISIL" finds "ısıl" and "İŞLEME" finds "işleme".
PostgreSQL matches a ``tsvector`` of them (``turkish`` configuration on the Turkish tree,
``english`` on the English one: stems, "kümelenme", "clusters" → "cluster") together
with the fully folded text word-prefix by word-prefix ("isleme" finds "işleme"); a GIN
index serves it. SQLite compares the folded text with a prefix of each folded word
stripped of a common ending ("clusters" → "cluster", "kümelenme" → "kumelenm").

A firm's row is shown only while its listing is public: the consent is checked by the
search query itself, so a withdrawn consent hides the firm even before its row is gone.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext

from cms import queries
from cms.models import (
    ActionPlanPage,
    DirectoryPage,
    HomePage,
    IndicatorsPage,
    NewsPage,
    RoadmapPage,
    SearchEntry,
    cluster_funnel,
)
from directory.public import firm_search_texts, public_listing_ids
from fieldvisits.public import fold_turkish, turkish_lower
from reports.public import published_reports
from tracker.models import Pillar

MIN_WORD = 3
MAX_WORDS = 8
SUMMARY_CHARS = 240
# PostgreSQL has no Persian stemmer: Persian rows are matched word for word ("simple").
TEXT_CONFIGS = {"tr": "turkish", "en": "english", "fa": "simple"}
# Endings stripped from a folded word on SQLite before its prefix is looked for: common
# Turkish case and plural endings and English plural and gerund endings.
ENDINGS = sorted(
    ["lerin", "larin", "leri", "lari", "ler", "lar", "nin", "nun", "den", "dan", "ten",
     "tan", "de", "da", "in", "un", "si", "su", "ing", "ies", "es", "s", "e", "a", "i", "u"],
    key=len, reverse=True)
MIN_STEM = 4


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    title: str
    body: str
    url: str
    summary: str = ""
    listing_id: int | None = None


def _folded_words(text):
    return " " + " ".join(re.split(r"[^\w]+", fold_turkish(text))).strip() + " "


def _entry(program, language, document):
    return SearchEntry(
        program=program, language=language, kind=document.kind, object_id=document.object_id,
        title=document.title[:300], url=document.url[:500], listing_id=document.listing_id,
        summary=Truncator(document.summary or document.body).chars(SUMMARY_CHARS),
        title_lowered=turkish_lower(document.title), body_lowered=turkish_lower(document.body),
        title_folded=_folded_words(document.title),
        text_folded=_folded_words(f"{document.title} {document.body}"),
    )


def _stream_text(value):
    return " ".join(str(text) for text in value.stream_block.get_searchable_content(value))


def _page_documents(home):
    """Every live public page of ``home``'s tree (``home`` included)."""
    found = []
    for page in home.get_descendants(inclusive=True).live().public().specific():
        parts = [strip_tags(getattr(page, "intro", "") or ""), page.search_description,
                 getattr(page, "summary", "")]
        if getattr(page, "body", None):
            parts.append(_stream_text(page.body))
        if page.pk == home.pk:
            parts += _home_sections(home)
        kind = SearchEntry.Kind.NEWS if isinstance(page, NewsPage) else SearchEntry.Kind.PAGE
        summary = page.search_description or getattr(page, "summary", "") or parts[0]
        found.append((page, Document(kind, page.pk, page.title, " ".join(filter(None, parts)),
                                     page.url, summary=summary)))
    return found


def _home_sections(home):
    """Text of what the home page draws from data: the phases and, once clusters exist,
    the cluster funnel."""
    program = home.program
    texts = [phase.name for phase in program.phases.order_by("order")]
    if cluster_funnel(program):
        funnel = gettext("Cluster funnel: %(province)s and all provinces of %(country)s")
        texts += [gettext("Clusters"), funnel % {"province": program.province,
                                                 "country": program.get_country_display()}]
    return texts


def _roadmap_documents(program, page):
    documents = []
    for entry in queries.roadmap(program):
        phase = entry["phase"]
        documents.append(Document(SearchEntry.Kind.PHASE, phase.pk, phase.name, phase.summary,
                                  f"{page.url}#phase-{phase.order}"))
        for milestone, _state in entry["milestones"]:
            owner = str(milestone.owner) if milestone.owner else ""
            documents.append(Document(
                SearchEntry.Kind.MILESTONE, milestone.pk, milestone.title,
                f"{phase.name} {owner}", f"{page.url}#milestone-{milestone.pk}",
                summary=gettext("Milestone of %(phase)s") % {"phase": phase.name}))
    return documents


def _plan_documents(program, page):
    plan = queries.current_plan(program)
    if plan is None:
        return []
    documents, pillars, goals = [], {}, {}
    for action in queries.public_actions(plan):
        goal = action.goal
        pillar = goal.pillar
        pillars[pillar.pk] = pillar
        goals[goal.pk] = goal
        lead = str(action.lead)
        documents.append(Document(
            SearchEntry.Kind.ACTION, action.pk, f"{action.code} {action.title}",
            " ".join([action.description, lead, goal.title, pillar.name,
                      *(str(partner) for partner in action.partners.all())]),
            page.url + page.reverse_subpage("action_detail", args=[action.pk]),
            summary=action.description or f"{pillar.code} {pillar.name} · {lead}"))
    for pillar in Pillar.objects.filter(plan=plan).order_by("order"):
        documents.append(Document(
            SearchEntry.Kind.PILLAR, pillar.pk, f"{pillar.code} {pillar.name}",
            " ".join(goal.title for goal in goals.values() if goal.pillar_id == pillar.pk),
            f"{page.url}?pillar={pillar.code}",
            summary=gettext("Pillar of the action plan")))
    for goal in goals.values():
        pillar = pillars[goal.pillar_id]
        documents.append(Document(
            SearchEntry.Kind.GOAL, goal.pk, f"{goal.code} {goal.title}", pillar.name,
            f"{page.url}?pillar={pillar.code}#goal-{goal.pk}",
            summary=f"{pillar.code} {pillar.name}"))
    return documents


def _indicator_documents(program, page):
    return [Document(SearchEntry.Kind.INDICATOR, indicator.pk, indicator.name,
                     f"{indicator.code} {indicator.unit} {indicator.baseline_source}",
                     f"{page.url}#indicator-{indicator.pk}",
                     summary=f"{indicator.code} · {indicator.unit}")
            for indicator in queries.public_indicators(program)]


def _report_documents(program, language):
    return [Document(SearchEntry.Kind.REPORT, report["id"], report["title"],
                     f"{report['kind']} {report['period']}", report["url"],
                     summary=f"{report['kind']} · {report['period']}")
            for report in published_reports(program) if report["language"] == language]


def _firm_documents(program, page):
    return [Document(SearchEntry.Kind.FIRM, firm.listing_id, firm.trade_name, firm.text,
                     f"{page.url}?q={firm.trade_name_query}", summary=firm.summary,
                     listing_id=firm.listing_id)
            for firm in firm_search_texts(program)]


def search_documents(program):
    """``{language: [Document, …]}`` of everything ``program``'s site shows."""
    builders = {
        RoadmapPage: _roadmap_documents, ActionPlanPage: _plan_documents,
        IndicatorsPage: _indicator_documents, DirectoryPage: _firm_documents,
    }
    found = {}
    for home in HomePage.objects.filter(program=program).select_related("locale", "program"):
        language = home.locale.language_code
        with translation.override(language):
            pages = _page_documents(home)
            documents = [document for _page, document in pages]
            built = set()
            for page, _document in pages:
                builder = builders.get(page.specific_class)
                if builder is not None and builder not in built:
                    built.add(builder)
                    documents += builder(program, page)
            documents += _report_documents(program, language)
        found.setdefault(language, []).extend(documents)
    return found


@transaction.atomic
def rebuild_search_index(program):
    """Write ``program``'s search rows afresh; returns how many there are."""
    entries = [_entry(program, language, document)
               for language, documents in search_documents(program).items()
               for document in documents]
    SearchEntry.objects.filter(program=program).delete()
    SearchEntry.objects.bulk_create(entries, batch_size=500, ignore_conflicts=True)
    if connection.vendor == "postgresql":
        _write_search_vectors(program)
    return len(entries)


def _write_search_vectors(program):
    with connection.cursor() as cursor:
        for language, config in TEXT_CONFIGS.items():
            cursor.execute(
                "UPDATE cms_searchentry SET search_vector = "
                "setweight(to_tsvector(%s::regconfig, title_lowered), 'A') || "
                "setweight(to_tsvector(%s::regconfig, body_lowered), 'B') || "
                "setweight(to_tsvector('simple', text_folded), 'D') "
                "WHERE program_id = %s AND language = %s",
                [config, config, program.pk, language])


@dataclass(frozen=True)
class Word:
    lowered: str
    folded: str

    @property
    def stem(self):
        for ending in ENDINGS:
            if self.folded.endswith(ending) and len(self.folded) - len(ending) >= MIN_STEM:
                return self.folded[:-len(ending)]
        return self.folded


def query_words(text):
    """The words of a query worth looking for: three letters or more, each once."""
    words = {}
    for word in re.split(r"[^\w]+", turkish_lower(text)):
        folded = fold_turkish(word)
        if len(folded) >= MIN_WORD and folded not in words:
            words[folded] = Word(word, folded)
    return list(words.values())[:MAX_WORDS]


def search_site(program, language, text):
    """``program``'s rows for ``language`` that hold every word of ``text``, best first
    (a queryset: the caller pages it)."""
    words = query_words(text)
    entries = SearchEntry.objects.filter(program=program, language=language).filter(
        Q(listing__isnull=True) | Q(listing__in=public_listing_ids(program)))
    if not words:
        return entries.none()
    if connection.vendor == "postgresql":
        return _postgresql_search(entries, words, TEXT_CONFIGS.get(language, "simple"))
    return _fallback_search(entries, words)


def _postgresql_search(entries, words, config):
    query = None
    for word in words:
        either = (SearchQuery(word.lowered, config=config, search_type="plain")
                  | SearchQuery(f"{word.folded}:*", config="simple", search_type="raw"))
        query = either if query is None else query & either
    return (entries.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "kind", "title", "pk"))


def _fallback_search(entries, words):
    score = Value(0, output_field=IntegerField())
    for word in words:
        needle = f" {word.stem}"
        entries = entries.filter(text_folded__contains=needle)
        score = score + Case(When(title_folded__contains=needle, then=Value(2)),
                             default=Value(1), output_field=IntegerField())
    return entries.annotate(rank=score).order_by("-rank", "kind", "title", "pk")
