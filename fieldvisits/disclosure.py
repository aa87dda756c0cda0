"""Statistical disclosure control for every figure drawn from firm-level data.

A published table must not let a reader learn something about one firm. The rules
are the ones statistics offices apply to business statistics:

* **threshold rule** — a cell resting on fewer than ``MIN_FIRMS`` (5) firms is hidden;
* **dominance rule** — a cell of a magnitude (export value, staff needed…) is hidden
  when one firm makes more than 60 % of it, or two firms more than 90 %;
* **secondary suppression** — when a row or a column of a table with totals has
  exactly one hidden cell, the hidden value could be recomputed from the total, so
  the smallest other cell of that row or column is hidden too, until no row or column
  of the table has a lone hidden cell.

Callers aggregate in the database and hand in :class:`Cell` rows (firm count, total,
largest and second-largest contribution); this module decides what may be shown.
``fieldvisits.public`` is the only door through which the public site and public
reports get firm-derived figures, and it passes every table through here.
"""

from dataclasses import dataclass, field

MIN_FIRMS = 5
TOP_ONE_SHARE = 0.60
TOP_TWO_SHARE = 0.90


@dataclass(frozen=True)
class Cell:
    """One table cell before protection.

    ``firms`` is the number of distinct firms behind the cell. For a magnitude cell,
    ``total`` is the sum and ``largest``/``second`` the two biggest contributions of
    single firms; for a count of firms, leave them ``None`` (the dominance rule does
    not apply to counts).
    """

    firms: int
    total: float | None = None
    largest: float | None = None
    second: float | None = None

    @property
    def shown_value(self):
        return self.firms if self.total is None else self.total


@dataclass
class Protected:
    """A cell after protection: ``value`` is ``None`` when hidden, with the reason."""

    value: object
    firms: int
    reason: str = ""
    hidden: bool = field(init=False)

    def __post_init__(self):
        self.hidden = self.value is None


PRIMARY_THRESHOLD = "threshold"
PRIMARY_DOMINANCE = "dominance"
SECONDARY = "secondary"


def primary_reason(cell):
    """Why ``cell`` must be hidden on its own (``"threshold"``, ``"dominance"``) or ""."""
    if 0 < cell.firms < MIN_FIRMS:
        return PRIMARY_THRESHOLD
    if cell.total is not None and cell.total > 0 and cell.largest is not None:
        if cell.largest > TOP_ONE_SHARE * cell.total:
            return PRIMARY_DOMINANCE
        if cell.second is not None and cell.largest + cell.second > TOP_TWO_SHARE * cell.total:
            return PRIMARY_DOMINANCE
    return ""


def protect_cell(cell):
    """A single published figure (no totals next to it): primary rules only."""
    reason = primary_reason(cell)
    return Protected(None if reason else cell.shown_value, cell.firms, reason)


def protect_series(cells):
    """A one-way breakdown ``{group: Cell}`` published with its total.

    Primary suppression, then, if exactly one group is hidden, the smallest other
    group with firms is hidden too, so the total cannot give the hidden one away.
    Returns ``{group: Protected}`` in the order given.
    """
    table = protect_table({(group, None): cell for group, cell in cells.items()},
                          totals=("column",))
    return {group: table[(group, None)] for group in cells}


def protect_table(cells, totals=("row", "column")):
    """A two-way table ``{(row, column): Cell}`` published with its totals.

    ``totals`` says which totals are published: ``"row"`` (each row's total, so the
    cells of a row form a line) and ``"column"`` (each column's total). A line with
    exactly one hidden cell gets a second one hidden: the non-empty, not yet hidden
    cell with the smallest value (ties by key), repeated until every line is safe.
    Empty cells (no firms) are never hidden and never used to protect another.
    Returns ``{(row, column): Protected}``.
    """
    reasons = {key: primary_reason(cell) for key, cell in cells.items()}
    lines = []
    if "row" in totals:
        lines += _lines(cells, index=0)
    if "column" in totals:
        lines += _lines(cells, index=1)
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [key for key in line if reasons[key]]
            if len(hidden) != 1:
                continue
            candidates = sorted(
                (key for key in line if not reasons[key] and cells[key].firms > 0),
                key=lambda key: (cells[key].shown_value, str(key)),
            )
            if candidates:
                reasons[candidates[0]] = SECONDARY
                changed = True
    return {
        key: Protected(None if reasons[key] else cell.shown_value, cell.firms, reasons[key])
        for key, cell in cells.items()
    }


def _lines(cells, index):
    """The keys of ``cells`` grouped by their ``index``-th part (a row or a column)."""
    groups = {}
    for key in cells:
        groups.setdefault(key[index], []).append(key)
    return [sorted(keys, key=str) for keys in groups.values() if len(keys) > 1]
