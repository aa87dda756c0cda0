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
from fieldvisits.disclosure import MIN_FIRMS, Cell, protect_table
from fieldvisits.models import Answer, Finding, Question, QuestionnaireVersion
from fieldvisits.published import ALL, counted_assessments, counted_visits, protected_set
from fieldvisits.sectors import nace_label
from fieldvisits.workforce import turkish_order

SCORES = range(1, 6)


def _shown(protected):
    return {"value": protected.value, "firms": protected.firms if protected.value is not None
            else None}


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
    rows = (counted_assessments(program).order_by()
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


def score_distribution(program, by_sector=None, as_of=None, cells=None):
    """Firms at each score 1–5 per dimension, programme-wide, with the median: cells of
    the protected score tables; each row's total (the firms assessed) is a cell too."""
    by_sector = score_counts_by_sector(program) if by_sector is None else by_sector
    counts = programme_score_counts(by_sector)
    cells = cells or protected_set(program, as_of)
    assessed = cells.get(("assessed", ALL, ALL)).value
    result = []
    for dim in Dimension.values:
        scores = [cells.get((f"score:{dim}", str(score), ALL)).value for score in SCORES]
        result.append({"dimension": str(Dimension(dim).label), "scores": scores,
                       "firms": assessed, "median": median_from_counts(counts[dim])})
    return result


def sector_score_means(program, as_of=None, cells=None):
    """Mean desk-assessment score per sector and dimension, with the firms behind it.

    The firms of a sector are the ``assessed`` cell of the protected tables; where it is
    hidden, the sector's means are hidden with it. One query for the means.
    """
    cells = cells or protected_set(program, as_of)
    rows = list(
        counted_assessments(program).order_by()
        .values("firm__nace_code")
        .annotate(**{dim: Avg(dim) for dim in Dimension.values})
        .order_by("firm__nace_code")
    )
    result = []
    for row in rows:
        firms = cells.get(("assessed", row["firm__nace_code"], ALL)).value
        result.append({
            "sector": f"{row['firm__nace_code']} {nace_label(row['firm__nace_code'])}",
            "firms": firms,
            "means": [None if firms is None else round(float(row[dim]), 1)
                      for dim in Dimension.values],
        })
    return result


def _visited_by(program, position, label, as_of, cells):
    cells = cells or protected_set(program, as_of)
    groups = sorted((key[position] for key in cells.keys("visited")
                     if key[position] != ALL and key[3 - position] == ALL),
                    key=turkish_order if position == 2 else str)
    rows = []
    for group in groups:
        key = ["visited", ALL, ALL]
        key[position] = group
        value = cells.get(tuple(key)).value
        rows.append({"group": label(group), "value": value,
                     "firms": value})
    return {"rows": rows, "total": cells.get(("visited", ALL, ALL)).value}


def visited_by_sector(program, as_of=None, cells=None):
    """Firms with a completed visit per sector: cells of the protected ``visited`` table."""
    return _visited_by(program, 1, lambda code: f"{code} {nace_label(code)}", as_of, cells)


def visited_by_district(program, as_of=None, cells=None):
    """Firms with a completed visit per district: cells of the protected ``visited`` table."""
    return _visited_by(program, 2, str, as_of, cells)


def findings_by_pillar_and_severity(program, as_of=None, cells=None):
    """Findings of approved visits per pillar (rows) and severity (columns), with row,
    column and grand totals: every figure a cell of the protected findings table."""
    cells = cells or protected_set(program, as_of)
    severities = Finding.Severity.values

    def value(pillar, severity):
        return cells.get(("findings", pillar, severity)).value

    return {
        "severities": [str(label) for label in Finding.Severity.labels],
        "rows": [{"pillar": str(Dimension(pillar).label),
                  "counts": [value(pillar, severity) for severity in severities],
                  "total": value(pillar, ALL)} for pillar in Dimension.values],
        "column_totals": [value(ALL, severity) for severity in severities],
        "total": value(ALL, ALL),
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
