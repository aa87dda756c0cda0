"""Field-study figures for the public site: the only module of ``fieldvisits`` that ``cms``
may read from (``tests/cms/test_public_boundary.py`` holds it to that).

The rule for everything exposed here:

- Only aggregates leave: counts, shares and totals over many firms. Nothing firm-level —
  no firm's identity, answers, scores or money figures, no rows or querysets of firms,
  visits or answers — is ever returned.
- Any published cell (a count or value for one group: a sector, a district, a size
  class...) that rests on fewer than ``MINIMUM_FIRMS`` firms must be suppressed, as must
  a cell dominated by one firm's value: the disclosure-control rules of statistics
  offices (``fieldvisits.disclosure``), with secondary suppression where a published
  total would give a hidden cell away.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from fieldvisits.dimensions import Dimension
from fieldvisits.disclosure import Cell, Protected, protect_series, protect_table
from fieldvisits.models import Assessment, Finding, Firm, Visit
from fieldvisits.queries import coverage_summary, share
from fieldvisits.search import fold_turkish, turkish_lower  # noqa: F401  (the site search's)
from fieldvisits.sectors import nace_label
from fieldvisits.workforce import as_protected, workforce_breakdowns

MINIMUM_FIRMS = 5


def field_study_progress(program):
    """Programme-wide progress of the field study against its targets.

    ``firms_assessed`` of ``firms_target`` and ``visits_completed`` (submitted or
    approved) of ``visits_target``, with ``firms_share`` and ``visits_share`` (0–100)
    of each target reached. Totals over the whole programme only.
    """
    summary = coverage_summary(program)
    return {
        "firms_assessed": summary["firms_assessed"],
        "firms_target": summary["firms_target"],
        "firms_share": share(summary["firms_assessed"], summary["firms_target"]),
        "visits_completed": summary["visits_completed"],
        "visits_target": summary["visits_target"],
        "visits_share": share(summary["visits_completed"], summary["visits_target"]),
    }


# The public statistics below rest on reviewed data: a visit's answers and findings are
# published once a supervisor has approved the visit.
APPROVED = Visit.Status.APPROVED


@dataclass
class PublicTable:
    """A published breakdown: ``columns`` (key, label), ``rows`` with a ``label`` and a
    :class:`Protected` cell per column, and a ``totals`` cell per column (``None`` where
    the table publishes no total for that column)."""

    columns: list
    rows: list
    totals: dict

    @property
    def hidden_count(self):
        return sum(row["cells"][key].hidden for row in self.rows for key, _label in self.columns)


def _count_table(groups, columns, with_totals=True):
    """Protect ``{group_label: {column: firms}}`` published with a total per column."""
    cells = {(group, key): Cell(firms=counts[key])
             for group, counts in groups.items() for key, _label in columns}
    protected = protect_table(cells, totals=("column",))
    rows = [{"label": group,
             "cells": {key: protected[group, key] for key, _label in columns}}
            for group in groups]
    totals = ({key: sum(counts[key] for counts in groups.values()) for key, _label in columns}
              if with_totals else {})
    return PublicTable(columns=columns, rows=rows, totals=totals)


def _firms_by(program, field):
    completed = Visit.objects.filter(firm=OuterRef("pk"), status__in=Visit.COMPLETED_STATUSES)
    return (
        Firm.objects.filter(program=program).order_by(field).values(field)
        .annotate(assessed=Count("assessment__firm"),
                  visited=Count("pk", filter=Q(Exists(completed))))
    )


def firm_columns():
    return [("assessed", _("Firms assessed")), ("visited", _("Firms visited"))]


def firms_by_sector(program):
    """Firms assessed and visited per sector (NACE class), disclosure-controlled.

    One query. A sector resting on fewer than five firms in a column is hidden, and one
    more sector of that column when the published total would give it away."""
    groups = {f"{row['nace_code']} {nace_label(row['nace_code'])}":
              {"assessed": row["assessed"], "visited": row["visited"]}
              for row in _firms_by(program, "nace_code")}
    return _count_table(groups, firm_columns())


def firms_by_district(program):
    """Firms assessed and visited per district, disclosure-controlled (one query)."""
    groups = {row["district"]: {"assessed": row["assessed"], "visited": row["visited"]}
              for row in _firms_by(program, "district")}
    return _count_table(groups, firm_columns())


SCORES = (1, 2, 3, 4, 5)


def score_distributions(program):
    """Firms at each desk-assessment score 1–5, per dimension, disclosure-controlled.

    Each dimension's row adds up to the firms assessed, a published figure, so the rule
    protects every row as a line with a total. One query."""
    counts = Assessment.objects.filter(firm__program=program).aggregate(**{
        f"{dimension}_{score}": Count("pk", filter=Q(**{dimension: score}))
        for dimension in Dimension.values for score in SCORES
    })
    cells = {(dimension, score): Cell(firms=counts[f"{dimension}_{score}"])
             for dimension in Dimension for score in SCORES}
    protected = protect_table(cells, totals=("row",))
    columns = [(score, str(score)) for score in SCORES]
    rows = [{"label": dimension.label,
             "cells": {score: protected[dimension, score] for score in SCORES}}
            for dimension in Dimension]
    return PublicTable(columns=columns, rows=rows, totals={})


def _ranked_contributions(per_firm, group_field):
    """The two largest contributions of single firms per group, from ``per_firm`` (one
    row per group and firm with a ``amount``), ranked by the database."""
    ranked = per_firm.annotate(rank=Window(
        RowNumber(), partition_by=[F(group_field)], order_by=[F("amount").desc(), F("firm")],
    )).filter(rank__lte=2)
    top = {}
    for row in ranked:
        top.setdefault(row[group_field], []).append(float(row["amount"]))
    return top


def _magnitude_cells(totals, top, group_field):
    cells = {}
    for row in totals:
        largest = (top.get(row[group_field]) or [0.0]) + [0.0]
        cells[row[group_field]] = Cell(firms=row["firms"], total=float(row["total"] or 0),
                                       largest=largest[0], second=largest[1])
    return cells


def findings_by_pillar(program):
    """Findings of approved visits per pillar, with the firms behind them.

    A pillar is hidden when fewer than five firms stand behind its findings or when one
    firm holds more than 60 % of them (two firms more than 90 %); with the total
    published, a lone hidden pillar takes the smallest other one with it. Two queries.
    """
    findings = Finding.objects.filter(visit__program=program, visit__status=APPROVED).order_by()
    totals = findings.values("pillar").annotate(
        firms=Count("visit__firm", distinct=True), total=Count("pk"))
    per_firm = findings.values("pillar", firm=F("visit__firm")).annotate(amount=Count("pk"))
    cells = _magnitude_cells(totals, _ranked_contributions(per_firm, "pillar"), "pillar")
    ordered = {dimension: cells.get(dimension.value, Cell(firms=0, total=0.0))
               for dimension in Dimension}
    protected = protect_series(ordered)
    columns = [("findings", _("Findings"))]
    rows = [{"label": dimension.label, "cells": {"findings": protected[dimension]}}
            for dimension in Dimension]
    return PublicTable(columns=columns, rows=rows,
                       totals={"findings": sum(int(cell.total) for cell in ordered.values())})


def workforce_tables(program):
    """The public workforce tables of ``program``, disclosure-controlled, from approved
    visits (``fieldvisits.workforce``): ``"occupations"`` (people needed and firms
    needing per occupation, with the total of people), ``"districts"`` and ``"sectors"``
    (people needed per occupation, one row per district or sector, with each
    occupation's total: hidden where the one-way table hides it). A cell resting on fewer
    than five firms, or where one firm makes more than 60 % of the need (two firms more
    than 90 %), is hidden; a lone hidden cell of an occupation takes a second one with
    it. Three queries: the window over the answers runs once for both breakdowns."""
    needs = workforce_breakdowns(program, ("district", "sector"), disclose=True)
    by_district, by_sector = needs["district"], needs["sector"]
    totals = by_district.occupation_totals
    occupations = PublicTable(
        columns=[("people", _("People needed")), ("firms", _("Firms needing"))],
        rows=[{"label": by_district.occupation_label(code),
               "cells": {"people": as_protected(totals[code]),
                         "firms": Protected(totals[code].firms, totals[code].firms or 0,
                                            totals[code].reason)}}
              for code in by_district.occupations],
        totals={"people": by_district.total})
    return {"occupations": occupations,
            "districts": _workforce_cross_table(by_district),
            "sectors": _workforce_cross_table(by_sector)}


def _workforce_cross_table(needs):
    columns = [(code, needs.occupation_label(code)) for code in needs.occupations]
    rows = [{"label": needs.group_label(group),
             "cells": {code: as_protected(needs.cell(code, group)) for code in needs.occupations}}
            for group in needs.groups]
    return PublicTable(columns=columns, rows=rows,
                       totals={code: needs.occupation_totals[code].people
                               for code in needs.occupations})


def field_study_statistics(program):
    """Every public table of the field study, in the order the statistics page shows them."""
    return {
        "progress": field_study_progress(program),
        "sectors": firms_by_sector(program),
        "districts": firms_by_district(program),
        "scores": score_distributions(program),
        "findings": findings_by_pillar(program),
        **{f"workforce_{name}": table for name, table in workforce_tables(program).items()},
    }
