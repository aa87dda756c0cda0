"""Firm-derived aggregates for reports, each passed through the disclosure rule
(``fieldvisits.disclosure``) before it leaves this module.

Every function aggregates in the database with a fixed number of queries, whatever the
number of firms, and returns plain, JSON-ready values: labels in the active language and
figures, with ``None`` for a figure the disclosure rule hides (and its reason).
Workforce needs live in ``fieldvisits.workforce``.
Programme-wide medians of the desk-assessment scores are read from the count of firms
at each score (scores are whole numbers 1–5), so they too come from grouped counts.
"""

from django.db.models import Avg, Count, Q

from fieldvisits.dimensions import Dimension
from fieldvisits.disclosure import MIN_FIRMS, Cell, protect_series, protect_table
from fieldvisits.models import Answer, Assessment, Finding, Question, QuestionnaireVersion, Visit
from fieldvisits.sectors import nace_label
from tracker.models import end_of_day

SCORES = range(1, 6)


def line_total(values, total):
    """A published line total, or ``None`` when exactly one of its cells is hidden: the
    total minus the shown cells would give the hidden one away. The secondary suppression
    finds a partner cell where it can; a line whose other cells are all empty has none,
    so its total goes instead."""
    hidden = sum(1 for value in values if value is None)
    return None if hidden == 1 else total


def _shown(protected):
    return {"value": protected.value, "firms": protected.firms if protected.value is not None
            else None, "reason": protected.reason}


def median_from_counts(counts):
    """The median of whole-number scores given as ``{score: number of firms}``."""
    total = sum(counts.values())
    if not total:
        return None
    middle = ((total - 1) // 2, total // 2)
    found = []
    seen = 0
    for score in sorted(counts):
        seen_before, seen = seen, seen + counts[score]
        found += [score for position in middle if seen_before <= position < seen]
    return sum(found) / 2


def _score_count_aggregates(prefix=""):
    return {f"{dim}_{score}": Count("pk", filter=Q(**{f"{prefix}{dim}": score}))
            for dim in Dimension.values for score in SCORES}


def score_counts_by_sector(program):
    """``{nace_code: {dimension: {score: firms}}}`` over the assessed firms: one query."""
    rows = (Assessment.objects.filter(firm__program=program).order_by()
            .values("firm__nace_code").annotate(**_score_count_aggregates()))
    return {
        row["firm__nace_code"]: {
            dim: {score: row[f"{dim}_{score}"] for score in SCORES} for dim in Dimension.values
        }
        for row in rows
    }


def programme_score_counts(by_sector):
    """The sectors' counts summed to the programme's ``{dimension: {score: firms}}``."""
    total = {dim: dict.fromkeys(SCORES, 0) for dim in Dimension.values}
    for dims in by_sector.values():
        for dim, counts in dims.items():
            for score, n in counts.items():
                total[dim][score] += n
    return total


def comparison_medians(counts):
    """Median per dimension of a comparison group, or ``None`` where it has fewer than
    ``MIN_FIRMS`` firms: a median of four firms says too much about each of them."""
    result = {}
    for dim in Dimension.values:
        group = counts.get(dim) if counts else None
        size = sum(group.values()) if group else 0
        result[dim] = median_from_counts(group) if size >= MIN_FIRMS else None
    return result


def score_distribution(program, by_sector=None):
    """Firms at each score 1–5 per dimension, programme-wide, with the median.

    Rows are dimensions, columns the scores; each row's total (the firms assessed) is
    published, so a lone small cell in a row takes a second one with it.
    """
    by_sector = score_counts_by_sector(program) if by_sector is None else by_sector
    counts = programme_score_counts(by_sector)
    cells = {(dim, score): Cell(firms=counts[dim][score])
             for dim in Dimension.values for score in SCORES}
    shown = protect_table(cells, totals=("row",))
    result = []
    for dim in Dimension.values:
        scores = [shown[dim, score].value for score in SCORES]
        result.append({"dimension": str(Dimension(dim).label), "scores": scores,
                       "firms": line_total(scores, sum(counts[dim].values())),
                       "median": median_from_counts(counts[dim])})
    return result


def sector_score_means(program):
    """Mean desk-assessment score per sector and dimension, with the firms behind it.

    A sector of fewer than ``MIN_FIRMS`` assessed firms is hidden whole; since the firm
    counts add up to the published total, a lone hidden sector takes the next smallest
    with it (secondary suppression), so no hidden sector's count or means can be
    recomputed. One query.
    """
    rows = list(
        Assessment.objects.filter(firm__program=program).order_by()
        .values("firm__nace_code")
        .annotate(firms=Count("pk"), **{dim: Avg(dim) for dim in Dimension.values})
        .order_by("firm__nace_code")
    )
    shown = protect_series({row["firm__nace_code"]: Cell(firms=row["firms"]) for row in rows})
    result = []
    for row in rows:
        protected = shown[row["firm__nace_code"]]
        hidden = protected.value is None
        result.append({
            "sector": f"{row['firm__nace_code']} {nace_label(row['firm__nace_code'])}",
            "firms": None if hidden else row["firms"],
            "means": [None if hidden else round(float(row[dim]), 1) for dim in Dimension.values],
            "reason": protected.reason,
        })
    return result


def counted_visits(program, as_of=None):
    """The visits the field-study figures count: completed (submitted or approved) now,
    or, with ``as_of``, approved by the end of that day (what an issued report counts)."""
    if as_of is None:
        return Visit.objects.filter(program=program, status__in=Visit.COMPLETED_STATUSES)
    return Visit.objects.filter(program=program).approved_as_of(as_of)


def visited_by_sector(program, as_of=None):
    """Firms with a completed visit per sector (approved by ``as_of`` when given), hidden
    where fewer than ``MIN_FIRMS`` (with secondary suppression against the published
    total). One query."""
    rows = list(
        counted_visits(program, as_of).order_by()
        .values("firm__nace_code").annotate(firms=Count("firm", distinct=True))
        .order_by("firm__nace_code")
    )
    shown = protect_series({row["firm__nace_code"]: Cell(firms=row["firms"]) for row in rows})
    return {
        "rows": [{"group": f"{row['firm__nace_code']} {nace_label(row['firm__nace_code'])}",
                  **_shown(shown[row["firm__nace_code"]])} for row in rows],
        "total": line_total([cell.value for cell in shown.values()],
                            sum(row["firms"] for row in rows)),
    }


def visited_by_district(program, as_of=None):
    """Firms with a completed visit per district, protected like the sectors. One query."""
    rows = list(
        counted_visits(program, as_of).order_by()
        .values("firm__district").annotate(firms=Count("firm", distinct=True))
        .order_by("firm__district")
    )
    shown = protect_series({row["firm__district"]: Cell(firms=row["firms"]) for row in rows})
    return {
        "rows": [{"group": row["firm__district"], **_shown(shown[row["firm__district"]])}
                 for row in rows],
        "total": line_total([cell.value for cell in shown.values()],
                            sum(row["firms"] for row in rows)),
    }


def findings_by_pillar_and_severity(program, as_of=None):
    """Findings per pillar (rows) and severity (columns): the number of findings where at
    least ``MIN_FIRMS`` firms stand behind the cell. Row and column totals are published,
    so the table gets secondary suppression. One query."""
    findings = Finding.objects.filter(visit__program=program)
    if as_of is not None:
        findings = findings.filter(recorded_at__lt=end_of_day(as_of),
                                   visit__in=counted_visits(program, as_of).values("pk"))
    rows = (findings.order_by()
            .values("pillar", "severity")
            .annotate(findings=Count("pk"), firms=Count("visit__firm", distinct=True)))
    found = {(row["pillar"], row["severity"]): row for row in rows}
    severities = Finding.Severity.values
    cells = {(pillar, severity): Cell(firms=found.get((pillar, severity), {}).get("firms", 0))
             for pillar in Dimension.values for severity in severities}
    shown = protect_table(cells)

    def findings(pillar, severity):
        return found.get((pillar, severity), {}).get("findings", 0)

    table = []
    for pillar in Dimension.values:
        counts = [None if shown[pillar, severity].hidden else findings(pillar, severity)
                  for severity in severities]
        table.append({"pillar": str(Dimension(pillar).label), "counts": counts,
                      "total": line_total(counts, sum(findings(pillar, s) for s in severities))})
    column_totals = []
    for index, severity in enumerate(severities):
        column = [row["counts"][index] for row in table]
        column_totals.append(line_total(column, sum(findings(p, severity)
                                                     for p in Dimension.values)))
    grand_total = sum(row["findings"] for row in found.values())
    hidden_totals = (line_total([row["total"] for row in table], grand_total) is None
                     or line_total(column_totals, grand_total) is None)
    return {
        "severities": [str(label) for label in Finding.Severity.labels],
        "rows": table,
        "column_totals": column_totals,
        "total": None if hidden_totals else grand_total,
    }


def _current_question(program, code):
    version = QuestionnaireVersion.objects.current(program)
    if version is None:
        return None
    return Question.objects.filter(section__version=version, code=code).first()


def choice_counts(program, code, as_of=None):
    """Firms (with a completed visit) that ticked each option of the multiple-choice
    question ``code``, labelled as in the current questionnaire version, protected as a
    series. Two queries."""
    question = _current_question(program, code)
    if question is None:
        return {"question": "", "rows": [], "firms_answering": 0}
    choices = question.choice_list()
    answers = Answer.objects.filter(visit__in=counted_visits(program, as_of).values("pk"),
                                    question__code=code)
    counts = answers.aggregate(
        answering=Count("visit__firm", distinct=True),
        **{f"c{index}": Count("visit__firm", distinct=True,
                              filter=Q(value_text__contains=f"|{choice}|"))
           for index, (choice, _label) in enumerate(choices)})
    # Firms tick several options, so the options do not add up to a published total:
    # the primary rules decide alone.
    cells = {choice: Cell(firms=counts[f"c{index}"])
             for index, (choice, _label) in enumerate(choices)}
    shown = protect_table({(choice, None): cell for choice, cell in cells.items()}, totals=())
    return {
        "question": question.text,
        "rows": [{"group": label, **_shown(shown[choice, None])} for choice, label in choices],
        "firms_answering": counts["answering"],
    }
