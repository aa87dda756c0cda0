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

import highspy
import numpy as np
from scipy.sparse import lil_matrix

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
    cells of a row form a line) and ``"column"`` (each column's total). Each line is a
    :class:`Relation` with a constant total, protected by :func:`protect_linked`.
    Returns ``{(row, column): Protected}``.
    """
    lines = []
    if "row" in totals:
        lines += _lines(cells, index=0)
    if "column" in totals:
        lines += _lines(cells, index=1)
    return protect_linked(cells, [Relation(None, tuple(line)) for line in lines])


def _lines(cells, index):
    """The keys of ``cells`` grouped by their ``index``-th part (a row or a column)."""
    groups = {}
    for key in cells:
        groups.setdefault(key[index], []).append(key)
    return [sorted(keys, key=str) for keys in groups.values() if len(keys) > 1]


# --- Protection of a set of linked cells ---------------------------------------------
#
# A published measure is one base table over every dimension any view offers, together
# with all its margins (every sub-total a view may print). Each margin is a cell too, and
# each "total = sum of parts" is a :class:`Relation`. The set is protected once:
#
# 1. primary suppression of every cell (threshold, dominance);
# 2. secondary suppression over every relation until each hidden cell keeps a protection
#    interval: in each relation it belongs to, the other hidden cells of that relation
#    add up to at least ``PROTECTION_SHARE`` of its value (for every magnitude the cell
#    publishes), so neither the relation alone nor a published total pins it down to
#    within ±20 %. A partner is the smallest visible, non-empty cell of the relation that
#    closes the gap (the largest when none does), which hides as little as possible.
#
# Views then *project* the protected set: a filtered view prints the cells of the set, and
# its totals are cells of the set too. No view protects a slice on its own, so what one
# view hides no other view shows. ``tests/disclosure`` checks this with a linear
# programme over every published view (τ-ARGUS's audit).

PROTECTION_SHARE = 0.20


@dataclass(frozen=True)
class Relation:
    """``total = sum(parts)`` between cells of a linked set; ``total`` is ``None`` when the
    sum is published as a constant outside the set (a column total printed under a table
    whose total is not a cell of its own). ``components`` are the positions of the figures
    that add up along it (``None``: all of them; the firms behind a magnitude do not add up
    over occupations, since a firm needs several)."""

    total: object
    parts: tuple
    components: tuple | None = None

    @property
    def members(self):
        return self.parts if self.total is None else (self.total, *self.parts)

    def holds_for(self, component):
        return self.components is None or component in self.components


def protect_linked(cells, relations, *, magnitudes=None, forced=(), fixed=()):
    """Protect ``{key: Cell}`` linked by ``relations`` once, for every view drawn from it.

    ``magnitudes(key)`` gives the figures a cell publishes (default: its shown value); the
    protection interval must hold for each of them. ``forced`` are keys to hide whatever
    their figures (a pattern carried over from an earlier period). Empty cells (no firms)
    are never hidden and never used to protect another, nor are ``fixed`` cells (figures
    published elsewhere anyway, such as a programme's count of firms assessed).

    The relation-by-relation rule is fast but, where relations chain, the cells hidden in
    one can be pinned down by another; so the result is audited like an intruder would
    (:func:`narrow_cells`, a linear programme per hidden cell) and a cell that comes out
    too narrow takes one more partner, until none does. Returns ``{key: Protected}``.
    """
    if magnitudes is None:
        def magnitudes(key):
            return (float(cells[key].shown_value or 0),)
    sizes = {key: magnitudes(key) for key in cells}
    reasons = {key: primary_reason(cell) for key, cell in cells.items()}
    usable = {key for key, cell in cells.items() if cell.firms > 0 and key not in fixed}
    for key in forced:
        if key in cells and cells[key].firms > 0 and not reasons[key]:
            reasons[key] = SECONDARY
    by_member = {}
    for index, relation in enumerate(relations):
        for key in relation.members:
            by_member.setdefault(key, []).append(index)
    pending = {index for index, relation in enumerate(relations)
               if any(reasons[key] for key in relation.members)}
    while True:
        _close_relations(relations, usable, reasons, sizes, by_member, pending)
        narrow = narrow_cells(sizes, relations, {key for key in cells if reasons[key]})
        if not narrow:
            break
        added = False
        for key, component, gap in narrow:
            partner = _widening_partner(key, component, gap, relations, by_member, usable,
                                        reasons, sizes)
            if partner is not None:
                reasons[partner] = SECONDARY
                pending.update(by_member.get(partner, ()))
                added = True
        if not added:
            break
    return {key: Protected(None if reasons[key] else cell.shown_value, cell.firms, reasons[key])
            for key, cell in cells.items()}


def _close_relations(relations, usable, reasons, sizes, by_member, pending):
    while pending:
        index = pending.pop()
        partner = _partner_needed(relations[index], usable, reasons, sizes)
        if partner is None:
            continue
        reasons[partner] = SECONDARY
        pending.add(index)
        pending.update(by_member.get(partner, ()))


def _widening_partner(key, component, gap, relations, by_member, usable, reasons, sizes):
    """A visible cell sharing a relation with ``key`` whose hiding widens its interval by
    ``gap``: the smallest that does, else the largest."""
    candidates = {member for index in by_member.get(key, ())
                  if relations[index].holds_for(component)
                  for member in relations[index].members
                  if not reasons[member] and member in usable}
    if not candidates:
        return None
    closing = [member for member in candidates if sizes[member][component] >= gap]
    if closing:
        return min(closing, key=lambda member: (sizes[member][component], str(member)))
    return max(candidates, key=lambda member: (sizes[member][component], str(member)))


def narrow_cells(sizes, relations, hidden, share=PROTECTION_SHARE):
    """The hidden cells an intruder pins down too tightly: for each figure (component) of
    each hidden cell, the smallest and largest value consistent with every visible cell
    and every relation (all cells ≥ 0), by linear programming (HiGHS). Returns
    ``[(key, component, gap)]`` where the interval misses ±``share`` of the true value by
    ``gap``."""
    if not hidden:
        return []
    found = []
    width = max(len(sizes[key]) for key in hidden)
    for component in range(width):
        unknown = sorted((key for key in hidden if len(sizes[key]) > component), key=str)
        index = {key: position for position, key in enumerate(unknown)}
        rows = []
        for relation in relations:
            if not relation.holds_for(component):
                continue
            members = [(key, 1.0 if key == relation.total else -1.0)
                       for key in relation.members]
            if not any(key in index for key, _sign in members):
                continue
            if any(len(sizes[key]) <= component for key, _sign in members):
                continue
            known = -sum(sign * sizes[key][component] for key, sign in members
                         if key not in index)
            rows.append(([(index[key], sign) for key, sign in members if key in index], known))
        if not rows:
            continue
        bounds = _intervals(rows, unknown)
        for key in unknown:
            true = sizes[key][component]
            bottom, top = bounds[key]
            gap = max((1 + share) * true - top, bottom - (1 - share) * true,
                      0.0 if top - bottom > 1e-6 else max(share * true, 1.0))
            if gap > 1e-6:
                found.append((key, component, gap))
    return found


def _intervals(rows, unknown):
    """``{key: (smallest, largest)}`` value of each unknown cell under ``rows`` (``[(terms,
    constant)]``, each ``Σ sign × unknown = constant``) and every cell ≥ 0.

    The linear programmes are solved per group of unknowns that share rows: the other
    groups neither bound a cell nor change what it can be, so the answer is the one of the
    whole system, from programmes the size of the group instead of the whole table. As in
    the whole system, where any group has no solution no cell is bounded. Each group's
    system is handed to HiGHS once; every cell's smallest and largest value is then one
    change of the objective and a re-solve from the last basis."""
    group = list(range(len(unknown)))

    def root(position):
        while group[position] != position:
            group[position] = group[group[position]]
            position = group[position]
        return position

    for terms, _known in rows:
        first = root(terms[0][0])
        for column, _sign in terms[1:]:
            group[root(column)] = first
    members, group_rows = {}, {}
    for position in range(len(unknown)):
        members.setdefault(root(position), []).append(position)
    for row in rows:
        group_rows.setdefault(root(row[0][0][0]), []).append(row)
    bounds = {}
    for head, positions in members.items():
        if head not in group_rows:  # no row holds these cells: anything from 0 up
            bounds.update({unknown[position]: (0.0, float("inf")) for position in positions})
            continue
        ranges = _group_ranges(positions, group_rows[head])
        if ranges is None:  # no solution at all
            return {key: (0.0, float("inf")) for key in unknown}
        bounds.update({unknown[position]: ranges[column]
                       for column, position in enumerate(positions)})
    return bounds


def _group_ranges(positions, rows):
    """``[(smallest, largest)]`` of each of ``positions`` (in their order) under ``rows``
    and every cell ≥ 0, or ``None`` when the rows have no solution."""

    local = {position: column for column, position in enumerate(positions)}
    matrix = lil_matrix((len(rows), len(positions)))
    constants = np.zeros(len(rows))
    for row, (terms, known) in enumerate(rows):
        for column, sign in terms:
            matrix[row, local[column]] += sign
        constants[row] = known
    matrix = matrix.tocsr()
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    # Only the objective changes between solves, so the last basis stays feasible: primal
    # simplex without presolve re-solves from it in a few iterations (the demo's 4,918
    # solves: 1.4 s of CPU, against 20 s through scipy's linprog, same intervals).
    solver.setOptionValue("presolve", "off")
    solver.setOptionValue("simplex_strategy", 4)
    model = highspy.HighsLp()
    model.num_col_, model.num_row_ = len(positions), len(rows)
    model.col_cost_ = np.zeros(len(positions))
    model.col_lower_ = np.zeros(len(positions))
    model.col_upper_ = np.full(len(positions), highspy.kHighsInf)
    model.row_lower_ = model.row_upper_ = constants
    model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    model.a_matrix_.num_col_, model.a_matrix_.num_row_ = len(positions), len(rows)
    model.a_matrix_.start_ = matrix.indptr
    model.a_matrix_.index_ = matrix.indices
    model.a_matrix_.value_ = matrix.data
    solver.passModel(model)
    optimal = highspy.HighsModelStatus.kOptimal
    ranges = []
    for column in range(len(positions)):
        solver.changeColCost(column, 1.0)
        solver.run()
        if solver.getModelStatus() != optimal:  # a cell ≥ 0 is never unbounded below
            return None
        smallest = solver.getInfo().objective_function_value
        solver.changeColCost(column, -1.0)
        solver.run()
        largest = (-solver.getInfo().objective_function_value
                   if solver.getModelStatus() == optimal else float("inf"))
        solver.changeColCost(column, 0.0)
        ranges.append((smallest, largest))
    return ranges


def _partner_needed(relation, usable, reasons, sizes):
    """The cell to hide next so that every hidden cell of ``relation`` keeps its protection
    interval, or ``None`` when it already does (or nothing is left to hide)."""
    members = relation.members
    hidden = [key for key in members if reasons[key]]
    if not hidden:
        return None
    width = len(next(iter(sizes[key] for key in members)))
    gap = [0.0] * width
    for key in hidden:
        for component in range(width):
            if not relation.holds_for(component):
                continue
            slack = sum(sizes[other][component] for other in hidden if other != key)
            needed = max(PROTECTION_SHARE * sizes[key][component], 1e-9)
            gap[component] = max(gap[component], needed - slack)
    if max(gap) <= 0:
        return None
    candidates = [key for key in members if not reasons[key] and key in usable]
    if not candidates:
        return None

    def closes(key):
        return all(sizes[key][c] >= gap[c] for c in range(width))

    closing = [key for key in candidates if closes(key)]
    if closing:
        return min(closing, key=lambda key: (sizes[key], str(key)))
    return max(candidates, key=lambda key: (sizes[key], str(key)))
