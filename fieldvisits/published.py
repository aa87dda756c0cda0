"""The protected tables every firm-derived figure is published from.

Each published measure of a programme is **one base table over every dimension any view
offers**, with all its margins:

=============  ===================================  ==========================================
measure        dimensions                           published figures of a cell
=============  ===================================  ==========================================
``workforce``  occupation × sector × district       people needed, firms needing
``assessed``   sector × district                    firms with a desk assessment
``visited``    sector × district                    firms with a completed visit
``score:<d>``  score (1–5) × sector, per dimension  firms at that score; the margin over the
                                                    scores *is* the ``assessed`` cell
``findings``   pillar × severity                    findings of approved visits, firms behind
=============  ===================================  ==========================================

A key is ``(measure, value, value, …)`` with :data:`ALL` for a margin. Every cell of every
grouping set is aggregated in the database (two queries per grouping set: sums with
distinct firm counts, then the two largest single-firm contributions for the dominance
rule), the margins are linked to their parts by :class:`~fieldvisits.disclosure.Relation`,
and the whole set is protected once (``fieldvisits.disclosure.protect_linked``).

Every view — the public statistics page, its CSV and the API, the reports, the focal
point's filtered workforce report and dashboard panel — prints cells of this set and
nothing else: a filtered view is a projection, never a slice protected on its own.

**Stable over time.** Figures grow period after period, so a pattern that hid a cell last
quarter and shows it now would let a reader difference the two. The pattern of each day
the set is computed for is kept (:class:`~fieldvisits.models.DisclosurePattern`); the next
computation hides again every cell any earlier day hid (the practice of Eurostat: one
suppression pattern carried forward), and adds what the new figures need.

**Computed once.** The protected set is cached per programme and day in the shared cache
(Redis in production), keyed by the programme's figures version (:func:`figures_version`:
a counter database triggers move on every write to the rows behind the figures), so it is
computed once per change of the data, not per request; the dated field-study counts the
reports print beside it are cached the same way (:func:`cached_figures`). The tables of
another floor (:func:`protected_measure`: a zone's placements and figures) are cached the
same way (:func:`cached_protection`), keyed by a digest of their rows.
"""

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import combinations

from django.core.cache import cache
from django.db import transaction
from django.db.models import (
    Count,
    F,
    Sum,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from fieldvisits.dimensions import Dimension
from fieldvisits.disclosure import Cell, Protected, Relation, protect_linked
from fieldvisits.models import Assessment, DisclosurePattern, FiguresVersion, Finding, Visit
from fieldvisits.occupations import counted_answers
from tracker.models import end_of_day

ALL = "*"
SCORES = (1, 2, 3, 4, 5)
WORKFORCE_PREFIX = "workforce_"


@dataclass(frozen=True)
class MeasureSource:
    """Where a measure's cells come from: the rows (``rows(program, as_of)``; ``as_of``
    ``None`` reads the rows as they are now, a day the rows as they stood then), the database path
    of each dimension, of the firm and of the amount (``None``: the cell counts firms)."""

    name: str
    dimensions: tuple
    rows: object
    firm: str
    amount: object = None
    clean: object = None

    def key(self, values):
        if self.clean is not None:
            values = self.clean(values)
        return (self.name, *values)


def _strip_occupation(values):
    occupation, *rest = values
    if occupation != ALL:
        occupation = occupation.removeprefix(WORKFORCE_PREFIX)
    return (occupation, *rest)


def counted_assessments(program, as_of=None):
    """The desk assessments of ``program``'s firms, filtered by the programme on both the
    assessment and the firm, so each side is read through its programme index rather than
    one side being read whole for the join."""
    return Assessment.objects.filter(program=program, firm__program=program)


def _score_source(dimension):
    return MeasureSource(
        name=f"score:{dimension}", dimensions=(dimension, "firm__nace_code"),
        rows=counted_assessments, firm="firm")


def counted_visits(program, as_of=None):
    """The visits the field-study figures count: completed (submitted or approved) now,
    or, with ``as_of``, approved by the end of that day (what an issued report counts)."""
    if as_of is None:
        return Visit.objects.filter(program=program, status__in=Visit.COMPLETED_STATUSES)
    return Visit.objects.filter(program=program).approved_as_of(as_of)


def counted_findings(program, as_of=None):
    """Findings of approved visits; with ``as_of``, those recorded by the end of that day on
    visits approved by then."""
    if as_of is None:
        return Finding.objects.filter(visit__program=program, visit__status=Visit.Status.APPROVED)
    return Finding.objects.filter(visit__program=program, recorded_at__lt=end_of_day(as_of),
                                  visit__in=counted_visits(program, as_of).values("pk"))


def sources():
    return [
        MeasureSource(
            name="workforce",
            dimensions=("question__code", "visit__firm__nace_code", "visit__firm__district"),
            rows=lambda program, as_of: counted_answers(program, as_of=as_of),
            firm="visit__firm", amount="value_number",
            clean=_strip_occupation),
        MeasureSource(
            name="assessed", dimensions=("firm__nace_code", "firm__district"),
            rows=counted_assessments, firm="firm"),
        MeasureSource(
            name="visited", dimensions=("firm__nace_code", "firm__district"),
            rows=counted_visits,
            firm="firm"),
        *[_score_source(dimension) for dimension in Dimension.values],
        MeasureSource(
            name="findings", dimensions=("pillar", "severity"),
            rows=counted_findings,
            firm="visit__firm", amount="pk"),
    ]


def score_alias(key):
    """A score cell over all scores is the sector's ``assessed`` cell (same firms)."""
    name, score, sector = key
    return ("assessed", sector, ALL) if score == ALL else key


def _grouping_sets(dimensions):
    for size in range(len(dimensions) + 1):
        yield from combinations(range(len(dimensions)), size)


def _aggregate(source, rows, grouping):
    """``{key: Cell}`` of one grouping set, aggregated in the database (two queries for a
    magnitude, one for a count of firms)."""
    aliases = {f"g{index}": F(source.dimensions[index]) for index in grouping}
    counted = Count(source.amount) if source.amount == "pk" else Sum(source.amount)
    annotations = {"firms": Count(source.firm, distinct=True)}
    if source.amount is not None:
        annotations["total"] = counted
    if aliases:
        grouped = rows.order_by().values(**aliases).annotate(**annotations).order_by()
    else:
        grouped = [rows.order_by().aggregate(**annotations)]
    top = {}
    if source.amount is not None:
        per_firm = (rows.order_by().values(**aliases, contributor=F(source.firm))
                    .annotate(amount=counted))
        ranked = per_firm.annotate(rank=Window(
            RowNumber(), partition_by=[F(alias) for alias in aliases] or None,
            order_by=[F("amount").desc(), F("contributor").asc()])).filter(rank__lte=2)
        for row in ranked:
            group = tuple(row[alias] for alias in aliases)
            top.setdefault(group, []).append(float(row["amount"]))
    cells = {}
    for row in grouped:
        if not row["firms"]:
            continue
        values = [ALL] * len(source.dimensions)
        for index in grouping:
            values[index] = str(row[f"g{index}"])
        key = source.key(values)
        if source.amount is None:
            cells[key] = Cell(firms=row["firms"])
        else:
            largest = sorted(top.get(tuple(row[alias] for alias in aliases), []),
                             reverse=True)
            largest += [0.0, 0.0]
            cells[key] = Cell(firms=row["firms"], total=float(row["total"] or 0),
                              largest=largest[0], second=largest[1])
    return cells


def measure_cells(source, rows, *, firms_not_additive=(), groupings=None):
    """The raw cells of one measure of another floor and the relations between them:
    ``({key: Cell}, [Relation])``. ``groupings`` are the grouping sets (tuples of positions
    in ``source.dimensions``) that any view prints, every one by default; a margin no view
    prints is left out, so it neither takes nor causes suppression. ``firms_not_additive``
    are the key positions along which one firm can stand in several cells."""
    cells = {}
    for grouping in (_grouping_sets(source.dimensions) if groupings is None else groupings):
        cells.update(_aggregate(source, rows, grouping))
    return cells, _relations(cells, {source.name: set(firms_not_additive)})


def protected_measure(*measured, program, as_of, table, source_rows, firms_not_additive=(),
                      groupings=None):
    """Measures of another floor (an industrial zone's placements, its own figures), each
    ``(source, rows)``, protected together the way the programme's tables are: the cells
    of :func:`measure_cells` aggregated in the database, the margins linked to their parts
    and the whole set protected once, so every view printing its cells agrees and no hidden
    cell can be recomputed; and, like them, under the programme's carried pattern
    (:func:`carried_protection`): a cell hidden on an earlier day stays hidden on
    ``as_of``. Returns ``{key: Protected}``.

    Cached like the programme's own set (:func:`cached_protection`) under ``table`` (its
    name), the day and a digest of ``source_rows``, querysets of ``values_list`` reading
    every column the measures use: computed once per day and change of those rows."""
    def compute():
        cells, relations = {}, []
        for source, rows in measured:
            found, linked = measure_cells(source, rows, firms_not_additive=firms_not_additive,
                                          groupings=groupings)
            cells.update(found)
            relations += linked
        return carried_protection(program, as_of, lambda forced: protect_linked(
            cells, relations, magnitudes=magnitudes(cells), forced=forced))

    return read_once((program.pk, table, as_of.isoformat()), lambda: cached_protection(
        f"disclosure:{table}:{program.pk}:{as_of.isoformat()}:{rows_digest(source_rows)}",
        compute))


def rows_digest(querysets):
    """A digest of the rows ``querysets`` return (one query each): changes whenever one of
    them is added, removed or edited, for tables whose rows keep no time of change."""
    digest = hashlib.sha256()
    for rows in querysets:
        for row in rows.order_by("pk"):
            digest.update(repr(row).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


# Dimensions (positions in a key) along which the firms behind a magnitude do not add up:
# a firm needs several occupations, and has findings in several pillars and severities.
FIRMS_NOT_ADDITIVE = {"workforce": {1}, "findings": {1, 2}}


def _relations(keys, firms_not_additive=None):
    """Every ``margin = sum of its parts`` among ``keys`` (same measure, one dimension
    summed over); along a dimension where firms do not add up, only the magnitude does."""
    not_additive = FIRMS_NOT_ADDITIVE if firms_not_additive is None else firms_not_additive
    parts = {}
    for key in keys:
        for index in range(1, len(key)):
            if key[index] != ALL:
                parent = key[:index] + (ALL,) + key[index + 1:]
                parts.setdefault((parent, index), []).append(key)
    return [Relation(parent, tuple(sorted(children, key=str)),
                     (0,) if index in not_additive.get(parent[0], ()) else None)
            for (parent, index), children in parts.items() if parent in keys]


def raw_cells(program, as_of=None):
    """Every cell of every measure of ``program``, unprotected: ``{key: Cell}``, and the
    relations between them; with ``as_of``, from the rows as they stood at the end of that
    day."""
    cells = {}
    for source in sources():
        rows = source.rows(program, as_of)
        for grouping in _grouping_sets(source.dimensions):
            cells.update(_aggregate(source, rows, grouping))
    relations = _relations(cells)
    aliased = {score_alias(key) if key[0].startswith("score:") else key: cell
               for key, cell in cells.items()}
    relations = [Relation(_alias(relation.total), tuple(_alias(k) for k in relation.parts),
                          relation.components) for relation in relations]
    return aliased, relations


def _alias(key):
    return score_alias(key) if key and key[0].startswith("score:") else key


def magnitudes(cells):
    """The figures each cell publishes: a magnitude and its firms, or the firms alone."""
    def figures(key):
        cell = cells[key]
        if cell.total is None:
            return (float(cell.firms),)
        return (cell.total, float(cell.firms))

    return figures


# Published elsewhere whatever the tables hide (the home page's count of firms assessed),
# so never chosen to protect another cell.
FIXED = {("assessed", ALL, ALL), ("visited", ALL, ALL)}


def protect(cells, relations, forced=()):
    """The protection of a set of cells (the pure part, for tests and the audit)."""
    return protect_linked(cells, relations, magnitudes=magnitudes(cells), forced=forced,
                          fixed=FIXED)


def figures_version(program):
    """A key that changes whenever a row behind ``program``'s field-study figures is
    written (:class:`~fieldvisits.models.FiguresVersion`, moved by database triggers on
    every write path, corrections dated in the past, bulk imports, queryset updates and
    deletions included): one indexed read of one row, whatever the programme's size.
    Read once within :func:`reading_once`."""
    def look_up():
        version = FiguresVersion.objects.filter(program=program.pk).values_list(
            "version", "changed_at").first()
        if version is None:
            return "0"
        # Hashed: a cache key holds no spaces (memcached refuses them).
        return hashlib.sha256(f"{version[0]}-{version[1].isoformat()}".encode()
                              ).hexdigest()[:32]

    return read_once((program.pk, "figures_version"), look_up)


def cached_figures(program, name, as_of, compute):
    """``compute()``, a field-study figure of ``program`` as of the day ``as_of`` (a
    function of the rows behind the figures and of the day alone), kept in the shared
    cache under ``name``, the day and :func:`figures_version`: computed again only after
    one of those rows was written. The value must be picklable. The key names the time
    zone too: the end of a day, and the week a moment falls in, are the reader's."""
    key = (f"figures:{name}:{program.pk}:{as_of.isoformat()}:"
           f"{timezone.get_current_timezone_name()}:{figures_version(program)}")
    return read_once((program.pk, key), lambda: _cached(key, compute))


def _cached(key, compute):
    stored = cache.get(key)
    if stored is None:
        stored = compute()
        cache.set(key, stored, 24 * 3600)
    return stored


def _encode(key):
    return "\x1f".join(str(part) for part in key)


def _decode(text):
    return tuple(text.split("\x1f"))


@dataclass
class ProtectedSet:
    """The protected cells of a programme on a day: ``cells[key]`` is a
    :class:`~fieldvisits.disclosure.Protected`; ``raw[key]`` the cell before protection
    (for the magnitudes the views print beside the value, e.g. firms needing)."""

    program_id: int
    as_of: object
    cells: dict

    def get(self, key):
        """The protected cell at ``key``: an empty cell (0, no firms) where nothing is."""
        return self.cells.get(key) or Protected(0, 0)

    def keys(self, measure):
        return [key for key in self.cells if key[0] == measure]

    @property
    def hidden(self):
        return {key for key, cell in self.cells.items() if cell.hidden}


# ``{key: protected table}`` inside :func:`reading_once`, else ``None``.
_read = ContextVar("protected_sets_read", default=None)


@contextmanager
def reading_once():
    """Within the block (a report's collection, a request), each programme's protected
    tables of a day are looked up once, version and cache included; every later read
    takes the same table. A block inside another shares the outer one's tables."""
    if _read.get() is not None:
        yield
        return
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def read_once(key, look_up):
    """``look_up()``, or inside :func:`reading_once` the table already read under ``key``."""
    read = _read.get()
    if read is not None and key in read:
        return read[key]
    result = look_up()
    if read is not None:
        read[key] = result
    return result


def cached_protection(cache_key, compute):
    """The protected cells (``{key: Protected}``) stored in the shared cache under
    ``cache_key``, else ``compute()``, stored there for a day. ``cache_key`` names the
    table, the programme, the day and a version or digest of the source rows, so a change of the
    rows or a new day computes afresh (and writes the day's disclosure pattern once)."""
    stored = cache.get(cache_key)
    if stored is not None:
        return {_decode(key): Protected(value, firms, reason)
                for key, (value, firms, reason) in stored.items()}
    protected = compute()
    cache.set(cache_key, {_encode(key): (cell.value, cell.firms, cell.reason)
                          for key, cell in protected.items()}, 24 * 3600)
    return protected


def protected_set(program, as_of=None):
    """The protected set of ``program`` on ``as_of``, from the cache when its source rows
    have not changed since it was computed. Without ``as_of`` the rows as they are now
    (live pages, judged today); with a day, the rows as they stood at its end (an issued
    report), so a re-issue counts the same rows however the office worked on since.
    Inside :func:`reading_once` a set already read is taken as it is."""
    dated = as_of
    as_of = as_of or timezone.localdate()
    reading = as_of.isoformat() if dated else f"live-{as_of.isoformat()}"
    return read_once((program.pk, reading), lambda: ProtectedSet(
        program.pk, as_of, cached_protection(
            f"disclosure:{program.pk}:{reading}:{figures_version(program)}",
            lambda: _protect_set(program, dated, as_of))))


def carried_protection(program, as_of, protect_with):
    """Protect a measure of ``program`` as of the day ``as_of`` under its carried pattern:
    ``protect_with(forced)`` protects the cells with ``forced``, the keys any day up to
    ``as_of`` hid (every measure's keys start with its name, so one programme keeps one
    pattern per day for all of them), and the cells it hides join that day's pattern.
    Returns what ``protect_with`` returns (``{key: Protected}``)."""
    with transaction.atomic():
        earlier = (DisclosurePattern.objects.select_for_update()
                   .filter(program=program, as_of__lte=as_of))
        forced = {_decode(key) for pattern in earlier for key in pattern.hidden}
        protected = protect_with(forced)
        hidden = {_encode(key) for key, cell in protected.items() if cell.hidden}
        pattern, created = DisclosurePattern.objects.get_or_create(
            program=program, as_of=as_of, defaults={"hidden": sorted(hidden)})
        if not created:
            pattern = DisclosurePattern.objects.select_for_update().get(pk=pattern.pk)
            if hidden - set(pattern.hidden):
                pattern.hidden = sorted(set(pattern.hidden) | hidden)
                pattern.save(update_fields=["hidden"])
    return protected


def _protect_set(program, dated, as_of):
    cells, relations = raw_cells(program, dated)
    return carried_protection(
        program, as_of, lambda forced: protect(cells, relations, forced=forced))
