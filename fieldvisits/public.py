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
- Every table is a projection of the programme's protected tables
  (``fieldvisits.published``), protected once for every view together.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fieldvisits.dimensions import Dimension
from fieldvisits.disclosure import Protected
from fieldvisits.published import ALL, SCORES, protected_set
from fieldvisits.queries import coverage_summary, share
from fieldvisits.search import fold_turkish, turkish_lower  # noqa: F401  (the site search's)
from fieldvisits.sectors import nace_label
from fieldvisits.workforce import as_protected, turkish_order, workforce_needs

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


@dataclass
class PublicTable:
    """A published breakdown: ``columns`` (key, label), ``rows`` with a ``label``, a
    ``code`` (the group's code: NACE class, district, dimension, occupation) and a
    :class:`Protected` cell per column, and a ``totals`` cell per column (``None`` where
    the table publishes no total for that column)."""

    columns: list
    rows: list
    totals: dict

    @property
    def hidden_count(self):
        return sum(row["cells"][key].hidden for row in self.rows for key, _label in self.columns)


def firm_columns():
    return [("assessed", _("Firms assessed")), ("visited", _("Firms visited"))]


def _firm_table(cells, position, label):
    """Firms assessed and visited per sector (``position`` 1) or district (2): cells of
    the protected ``assessed`` and ``visited`` tables, with their totals."""
    groups = {key[position] for name in ("assessed", "visited") for key in cells.keys(name)
              if key[position] != ALL and key[3 - position] == ALL}
    order = turkish_order if position == 2 else str
    columns = firm_columns()
    rows = [{"label": label(group), "code": group,
             "cells": {name: cells.get(_firm_key(name, position, group)) for name, _l in columns}}
            for group in sorted(groups, key=order)]
    return PublicTable(columns=columns, rows=rows,
                       totals={name: cells.get((name, ALL, ALL)).value for name, _l in columns})


def _firm_key(name, position, group):
    key = [name, ALL, ALL]
    key[position] = group
    return tuple(key)


def firms_by_sector(program, as_of=None, cells=None):
    """Firms assessed and visited per sector (NACE class), from the protected tables."""
    cells = cells or protected_set(program, as_of)
    return _firm_table(cells, 1, lambda code: f"{code} {nace_label(code)}")


def firms_by_district(program, as_of=None, cells=None):
    """Firms assessed and visited per district, from the protected tables."""
    cells = cells or protected_set(program, as_of)
    return _firm_table(cells, 2, str)


def score_distributions(program, as_of=None, cells=None):
    """Firms at each desk-assessment score 1–5, per dimension: cells of the protected
    score tables (each row's total is the firms assessed, a published cell)."""
    cells = cells or protected_set(program, as_of)
    columns = [(score, str(score)) for score in SCORES]
    rows = [{"label": dimension.label, "code": dimension.value,
             "cells": {score: cells.get((f"score:{dimension.value}", str(score), ALL))
                       for score in SCORES}}
            for dimension in Dimension]
    return PublicTable(columns=columns, rows=rows, totals={})


def findings_by_pillar(program, as_of=None, cells=None):
    """Findings of approved visits per pillar: cells of the protected findings table
    (hidden under fewer than five firms or when one firm holds more than 60 % of them,
    two firms more than 90 %, and where a published total would give one away)."""
    cells = cells or protected_set(program, as_of)
    columns = [("findings", _("Findings"))]
    rows = [{"label": dimension.label, "code": dimension.value,
             "cells": {"findings": cells.get(("findings", dimension.value, ALL))}}
            for dimension in Dimension]
    return PublicTable(columns=columns, rows=rows,
                       totals={"findings": cells.get(("findings", ALL, ALL)).value})


def workforce_tables(program, as_of=None):
    """The public workforce tables of ``program``, disclosure-controlled, from approved
    visits (``fieldvisits.workforce``): ``"occupations"`` (people needed and firms
    needing per occupation, with the total of people), ``"districts"`` and ``"sectors"``
    (people needed per occupation, one row per district or sector, with each
    occupation's total: hidden where the one-way table hides it). A cell resting on fewer
    than five firms, or where one firm makes more than 60 % of the need (two firms more
    than 90 %), is hidden; a lone hidden cell of an occupation takes a second one with
    it. Four queries."""
    by_district = workforce_needs(program, by="district", disclose=True, as_of=as_of)
    by_sector = workforce_needs(program, by="sector", disclose=True, as_of=as_of)
    totals = by_district.occupation_totals
    occupations = PublicTable(
        columns=[("people", _("People needed")), ("firms", _("Firms needing"))],
        rows=[{"label": by_district.occupation_label(code), "code": code,
               "cells": {"people": as_protected(totals[code]),
                         "firms": Protected(totals[code].firms, totals[code].firms or 0)}}
              for code in by_district.occupations],
        totals={"people": by_district.total})
    return {"occupations": occupations,
            "districts": _workforce_cross_table(by_district),
            "sectors": _workforce_cross_table(by_sector)}


def _workforce_cross_table(needs):
    columns = [(code, needs.occupation_label(code)) for code in needs.occupations]
    rows = [{"label": needs.group_label(group), "code": group,
             "cells": {code: as_protected(needs.cell(code, group)) for code in needs.occupations}}
            for group in needs.groups]
    return PublicTable(columns=columns, rows=rows,
                       totals={code: needs.occupation_totals[code].people
                               for code in needs.occupations})


def field_study_statistics(program, as_of=None):
    """Every public table of the field study, in the order the statistics page shows them:
    each a projection of the programme's protected tables (``fieldvisits.published``)."""
    cells = protected_set(program, as_of)
    return {
        "progress": field_study_progress(program),
        "sectors": firms_by_sector(program, cells=cells),
        "districts": firms_by_district(program, cells=cells),
        "scores": score_distributions(program, cells=cells),
        "findings": findings_by_pillar(program, cells=cells),
        **{f"workforce_{name}": table
           for name, table in workforce_tables(program, as_of).items()},
    }
