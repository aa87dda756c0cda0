"""Workforce needs: the people the visited firms say they lack, by occupation, and by
occupation × sector (NACE) or × district, for one programme or several.

This is the one place these figures are computed. The programme and field-study reports,
the admin dashboard panel and report, the public statistics page (through
``fieldvisits.public``) and the national portfolio all read them here.

Which visits count: **approved visits only** — answers a supervisor has reviewed, the
rule of the public statistics — everywhere, so a coordinator's figure and the public one
differ only by what the disclosure rule hides. A firm visited more than once counts once,
with the answers of its latest approved visit. An answer of 0 (or none) is no need.

Every figure is aggregated in the database: a breakdown is two queries (sums and firm
counts per cell, then the two largest answers per cell for the dominance rule), whatever
the number of firms, visits or programmes. Since each firm sits in one sector and one
district and gives one answer per occupation, cells add up: an occupation's total is the
sum of its cells, and its two largest answers are among its cells' two largest.

``disclose=True`` applies the disclosure rule (``fieldvisits.disclosure``: fewer than five
firms, dominance, secondary suppression against published totals) for every reader who
is not coordinator or supervisor of the programme; :func:`reader_programs` says which
programmes a user sees exactly and which under the rule.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Sum
from django.utils.translation import gettext_lazy as _

from fieldvisits.disclosure import Cell, Protected
from fieldvisits.occupations import (
    OCCUPATIONS,
    QUESTION_PREFIX,
    counted_answers,
    occupation_choices,
    question_code,
)
from fieldvisits.published import ALL, protected_set
from fieldvisits.sectors import nace_label
from tracker.access import FIELD_STUDY_READERS
from tracker.models import Institution, Program, institutions_for, programs_for

BREAKDOWNS = {
    "occupation": None,
    "sector": "visit__firm__nace_code",
    "district": "visit__firm__district",
    "program": "visit__program",
}
__all__ = ["OCCUPATIONS", "counted_answers", "occupation_choices", "question_code",
           "reader_programs", "workforce_needs"]
# Institutions that act on the figures: they read them under the disclosure rule.
ACTING_KINDS = (Institution.Kind.EMPLOYMENT_AGENCY, Institution.Kind.VOCATIONAL_SCHOOL)


def reader_programs(user):
    """``(exact, protected)``: programmes whose workforce figures ``user`` reads exactly
    (coordinators and supervisors) and those read only under the disclosure rule (focal
    points of an employment agency or a vocational school of the programme)."""
    exact = programs_for(user, FIELD_STUDY_READERS)
    acting = institutions_for(user).filter(kind__in=ACTING_KINDS)
    protected = (Program.objects.filter(institutions__in=acting).exclude(pk__in=exact)
                 .distinct())
    return exact, protected


TURKISH_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"


def turkish_order(text):
    """A sort key putting names in Turkish alphabetical order (İncesu after Hacılar,
    Özvatan after Melikgazi), which a database collation may not know."""
    lowered = (text or "").replace("İ", "i").replace("I", "ı").lower()
    return [TURKISH_ALPHABET.index(char) if char in TURKISH_ALPHABET else 100 + ord(char)
            for char in lowered]


def _group_of(row, by):
    return None if BREAKDOWNS[by] is None else row["group"]


def _raw_cells(answers, by):
    """``{(occupation, group): Cell}`` in the database's group order, and the groups."""
    group_field = BREAKDOWNS[by]
    values = {"code": F("question__code")}
    if group_field:
        values["group"] = F(group_field)
    order = ["group", "code"] if group_field else ["code"]
    totals = list(answers.values(**values).annotate(
        people=Sum("value_number"), firms=Count("visit__firm", distinct=True)).order_by(*order))
    cells, groups = {}, []
    if by == "district":
        totals.sort(key=lambda row: (turkish_order(row["group"]), row["code"]))
    for row in totals:
        group = _group_of(row, by)
        if group not in groups:
            groups.append(group)
        key = (row["code"].removeprefix(QUESTION_PREFIX), group)
        cells[key] = Cell(firms=row["firms"], total=float(row["people"]))
    return cells, groups


def _occupation_cells(cells):
    """Each occupation's total over its groups."""
    result = {}
    for occupation in OCCUPATIONS:
        parts = [cell for (code, _group), cell in cells.items() if code == occupation]
        result[occupation] = Cell(firms=sum(cell.firms for cell in parts),
                                  total=sum(cell.total for cell in parts))
    return result


@dataclass
class Figure:
    """A published cell: people and firms, both ``None`` when hidden (whatever the
    reason: hidden cells look alike)."""

    people: int | None
    firms: int | None
    reason: str = ""

    @property
    def hidden(self):
        return self.people is None


EMPTY = Figure(people=0, firms=0)


def _figure(cell, protected=None):
    if protected is not None and protected.hidden:
        return Figure(None, None, protected.reason)
    return Figure(round(cell.total), cell.firms)


@dataclass
class WorkforceNeeds:
    """Workforce needs by occupation, or by occupation × ``by`` (sector, district or
    programme): ``cells[(occupation, group)]`` (group ``None`` in the one-way table),
    ``occupation_totals[occupation]`` and the grand ``total`` (people), each a
    :class:`Figure` or, for ``total``, ``None`` when hidden."""

    by: str
    disclosed: bool
    groups: list
    cells: dict
    occupation_totals: dict
    total: int | None
    occupations: list = field(default_factory=lambda: list(OCCUPATIONS))

    def occupation_label(self, occupation):
        return str(OCCUPATIONS[occupation])

    def group_label(self, group):
        if self.by == "sector":
            return f"{group} {nace_label(group)}"
        if self.by == "program":
            return str(self.program_names.get(group, group))
        return group or ""

    program_names: dict = field(default_factory=dict)

    def cell(self, occupation, group=None):
        return self.cells.get((occupation, group), EMPTY)

    def top_groups(self, occupation, limit=3):
        """The groups with the most people needed in ``occupation``, hidden cells left out."""
        shown = [(self.cells[occupation, group].people, group) for group in self.groups
                 if (occupation, group) in self.cells
                 and not self.cells[occupation, group].hidden]
        shown.sort(key=lambda item: -item[0])
        return [(self.group_label(group), people) for people, group in shown[:limit]]

    def rows(self):
        """Flat rows for listings and exports: one per occupation and group with a need,
        then (in a breakdown) the occupation's total over its groups."""
        result = []
        for occupation in self.occupations:
            figures = [("", self.occupation_totals[occupation])]
            if self.by != "occupation":
                figures = [(self.group_label(group), self.cells[occupation, group])
                           for group in self.groups if (occupation, group) in self.cells]
                if figures:
                    figures.append((_("Total"), self.occupation_totals[occupation]))
            result += [{"occupation": self.occupation_label(occupation), "group": str(label),
                        "people": figure.people, "firms": figure.firms,
                        "hidden": _("hidden to protect firms") if figure.hidden else ""}
                       for label, figure in figures]
        return result


def workforce_needs(programs, *, by="occupation", disclose=False, sector=None, district=None,
                    occupation=None, as_of=None):
    """People needed and firms needing, by occupation (``by="occupation"``) or by
    occupation × ``"sector"``, ``"district"`` or ``"program"``, over ``programs``.

    ``sector``, ``district`` and ``occupation`` narrow the answers counted. With
    ``disclose`` every figure is a cell of the programme's protected workforce table
    (``fieldvisits.published``): a filtered view prints cells of that one table, whose
    margins are cells too, so no filter combination recovers what another hides. Without
    ``disclose``, one query.
    """
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}")
    if disclose:
        if by == "program":
            return _disclosed_by_program(programs, as_of=as_of)
        program = programs if isinstance(programs, Program) else Program.objects.get(
            pk=programs.pk if hasattr(programs, "pk") else programs)
        return _disclosed_needs(program, by=by, sector=sector, district=district,
                                occupation=occupation, as_of=as_of)
    answers = counted_answers(programs, sector=sector, district=district, occupation=occupation,
                              as_of=as_of)
    cells, groups = _raw_cells(answers, by)
    per_occupation = _occupation_cells(cells)
    figures = {key: _figure(cell) for key, cell in cells.items()}
    totals = {code: _figure(cell) for code, cell in per_occupation.items()}
    grand = sum(figure.people for figure in totals.values())
    if by == "occupation":
        figures = {(code, None): figure for code, figure in totals.items()}
    needs = WorkforceNeeds(by=by, disclosed=False, groups=groups if by != "occupation"
                           else [None], cells=figures, occupation_totals=totals, total=grand)
    if occupation:
        needs.occupations = [occupation]
    return needs


def _published_figure(protected_set, occupation, sector, district):
    cell = protected_set.get(("workforce", occupation, sector, district))
    if cell.hidden:
        return Figure(None, None)
    return Figure(round(cell.value), cell.firms)


def _disclosed_needs(program, *, by, sector, district, occupation, as_of):
    """A projection of ``program``'s protected workforce table: the cells the filters
    select, with the margins of the same table as totals."""
    cells = protected_set(program, as_of)
    fixed = {"sector": sector or ALL, "district": district or ALL}
    codes = [occupation] if occupation else list(OCCUPATIONS)
    groups = [None]
    figures = {}
    if by != "occupation":
        position = 2 if by == "sector" else 3
        other = "district" if by == "sector" else "sector"
        groups = sorted({
            key[position] for key in cells.keys("workforce")
            if key[1] in codes and key[position] != ALL
            and (fixed[by] == ALL or key[position] == fixed[by])
            and key[5 - position] == fixed[other]})
        if by == "district":
            groups.sort(key=turkish_order)
        for code in codes:
            for group in groups:
                where = {**fixed, by: group}
                if ("workforce", code, where["sector"], where["district"]) in cells.cells:
                    figures[code, group] = _published_figure(
                        cells, code, where["sector"], where["district"])
    totals = {code: (_published_figure(cells, code, fixed["sector"], fixed["district"])
                     if code in codes else EMPTY) for code in OCCUPATIONS}
    if by == "occupation":
        figures = {(code, None): figure for code, figure in totals.items()}
    total = _published_figure(cells, occupation or ALL, fixed["sector"], fixed["district"])
    needs = WorkforceNeeds(by=by, disclosed=True, groups=groups, cells=figures,
                           occupation_totals=totals, total=total.people)
    if occupation:
        needs.occupations = [occupation]
    return needs


def _disclosed_by_program(programs, *, as_of):
    """Each programme's occupation totals from its protected table; a sum over programmes
    is printed only when none of its parts is hidden (it would give the hidden one away)."""
    ids = [program.pk if isinstance(program, Program) else program for program in programs]
    figures, totals = {}, {}
    grand = []
    for program in Program.objects.filter(pk__in=ids):
        cells = protected_set(program, as_of)
        for code in OCCUPATIONS:
            figures[code, program.pk] = _published_figure(cells, code, ALL, ALL)
        grand.append(_published_figure(cells, ALL, ALL, ALL).people)
    for code in OCCUPATIONS:
        parts = [figures.get((code, pk), EMPTY) for pk in ids]
        hidden = any(part.hidden for part in parts)
        totals[code] = Figure(None, None) if hidden else Figure(
            sum(part.people for part in parts), sum(part.firms for part in parts))
    return WorkforceNeeds(by="program", disclosed=True, groups=ids, cells=figures,
                          occupation_totals=totals,
                          total=None if None in grand else sum(grand))


def workforce_totals_by_program(programs, *, disclose=False):
    """People needed per occupation in each programme, and across all of them: for the
    national portfolio.

    ``programs`` is a queryset or list of programmes or ids. Returns
    ``{"programs": {program_id: {occupation: people}}, "total": {occupation: people},
    "people": grand total}``; every programme given appears, with 0 where no approved
    visit reported a need. With ``disclose`` a figure resting on fewer than five firms
    or dominated by one or two firms is ``None`` (with secondary suppression within each
    occupation, whose portfolio total is published). Two queries (three with
    ``disclose``), whatever the number of programmes, firms or visits.
    """
    ids = [program.pk if isinstance(program, Program) else program for program in programs]
    needs = workforce_needs(ids, by="program", disclose=disclose)
    return {
        "programs": {pk: {code: needs.cell(code, pk).people for code in OCCUPATIONS}
                     for pk in ids},
        "total": {code: needs.occupation_totals[code].people for code in OCCUPATIONS},
        "people": needs.total,
    }


def report_rows(needs):
    """The shape the issued reports store in their snapshot (and render from):
    ``{"rows": [{"occupation", "code", "people", "firms", "reason"}], "total"}``."""
    return {
        "rows": [{"occupation": needs.occupation_label(code), "code": question_code(code),
                  "people": needs.occupation_totals[code].people,
                  "firms": needs.occupation_totals[code].firms,
                  "reason": ""}
                 for code in needs.occupations],
        "total": needs.total,
    }


def as_protected(figure):
    """A :class:`Figure` as ``fieldvisits.disclosure.Protected`` (people as the value)."""
    return Protected(figure.people, figure.firms or 0, figure.reason)
