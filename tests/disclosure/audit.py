"""The disclosure audit of statistics offices (τ-ARGUS's "audit"), for the test suite.

An intruder collects every published view of a programme's firm-derived figures — the
public statistics page (and its CSV and API, which print the same cells), the issued
reports' tables, and every filter combination of a focal point's workforce report — and
knows how the tables add up. For each cell that is hidden somewhere (or that the
threshold or dominance rule makes sensitive) a linear programme (SciPy's HiGHS) finds
the smallest and largest value consistent with *all* published cells together, every
unknown cell ≥ 0. That interval must hold the cell's **protection interval**: ±20 % of
its true value (``PROTECTION_SHARE``), and never a single value.

Keys are those of ``fieldvisits.published`` (``(measure, value, …)`` with ``"*"`` for a
margin); a published figure is ``(key, component)`` with the component ``"value"`` (people,
findings, or firms of a count) or ``"firms"`` (firms behind a magnitude).
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

from fieldvisits.disclosure import MIN_FIRMS, PROTECTION_SHARE, primary_reason
from fieldvisits.published import raw_cells


@dataclass
class Published:
    """Every figure an intruder has collected: ``values[(key, component)]`` (``None`` when
    hidden in that view), with the name of each view for the report."""

    values: dict = field(default_factory=dict)
    shown: dict = field(default_factory=dict)
    hidden: set = field(default_factory=set)
    views: set = field(default_factory=set)
    cells: int = 0

    def record(self, view, key, component, value):
        self.views.add(view)
        self.cells += 1
        if value is None:
            self.hidden.add((tuple(str(part) for part in key), component))
            return
        figure = (tuple(str(part) for part in key), component)
        previous = self.shown.setdefault(figure, float(value))
        assert abs(previous - float(value)) < 1e-6, (view, figure, previous, value)


@dataclass
class Finding:
    key: tuple
    component: str
    true: float
    low: float
    high: float

    @property
    def width_share(self):
        return (self.high - self.low) / self.true if self.true else float("inf")


def _component_value(cell, component):
    if component == "firms":
        return float(cell.firms)
    return float(cell.shown_value)


def _relations_for(relations, component):
    # A magnitude's firms (its second figure) add up only where the relation says so.
    position = 1 if component == "firms" else 0
    return [relation for relation in relations if relation.holds_for(position)]


def audit(program, published, *, cells=None, relations=None, confidential=None):
    """Bound every confidential cell of ``program`` given ``published``; returns the
    findings (one per cell and component audited). ``cells`` and ``relations`` are the
    raw cells and their relations (default: the programme's field-study measures);
    ``confidential`` the keys that may hold a firm's secret (default: every key; figures
    an intruder knows on their own, such as a day's change, are left out)."""
    if cells is None:
        cells, relations = raw_cells(program)
    findings = []
    for component in ("value", "firms"):
        keys = [key for key in cells
                if component == "value" or cells[key].total is not None]
        index = {key: position for position, key in enumerate(keys)}
        rows = [relation for relation in _relations_for(relations, component)
                if relation.total in index]
        matrix = lil_matrix((max(len(rows), 1), len(keys)))
        for row, relation in enumerate(rows):
            matrix[row, index[relation.total]] = 1
            for part in relation.parts:
                matrix[row, index[part]] = -1
        equalities = matrix.tocsr()
        bounds = []
        for key in keys:
            shown = published.shown.get((key, component))
            bounds.append((shown, shown) if shown is not None else (0, None))
        targets = {key for key, comp in published.hidden if comp == component and key in index}
        targets |= {key for key in keys if primary_reason(cells[key])
                    or 0 < cells[key].firms < MIN_FIRMS}
        if confidential is not None:
            targets &= set(confidential)
        for key in sorted(targets, key=str):
            true = _component_value(cells[key], component)
            if (key, component) in published.shown:
                findings.append(Finding(key, component, true, true, true))
                continue
            objective = np.zeros(len(keys))
            objective[index[key]] = 1
            low = linprog(objective, A_eq=equalities, b_eq=np.zeros(equalities.shape[0]),
                          bounds=bounds, method="highs")
            high = linprog(-objective, A_eq=equalities, b_eq=np.zeros(equalities.shape[0]),
                           bounds=bounds, method="highs")
            assert low.status == 0, low.message
            top = float("inf") if high.status == 3 else -high.fun
            findings.append(Finding(key, component, true, low.fun, top))
    return findings


def too_narrow(findings):
    """The findings whose interval does not hold ±``PROTECTION_SHARE`` of the true value."""
    return [finding for finding in findings
            if finding.low > (1 - PROTECTION_SHARE) * finding.true + 1e-6
            or finding.high < (1 + PROTECTION_SHARE) * finding.true - 1e-6
            or finding.high - finding.low < 1e-6]


def narrowest(findings):
    return min(findings, key=lambda finding: finding.width_share, default=None)
