"""Every published view of a programme's firm-derived figures, as an intruder reads them:
each printed figure recorded under its key in ``fieldvisits.published``."""

from cms.api import statistics_payload
from fieldvisits import statistics
from fieldvisits.dimensions import Dimension
from fieldvisits.models import Finding, Firm
from fieldvisits.public import field_study_statistics
from fieldvisits.published import ALL
from fieldvisits.workforce import OCCUPATIONS, report_rows, workforce_needs
from tests.disclosure.audit import Published


def _code(label):
    return label.split(" ", 1)[0]


def public_page(program, published, view="public statistics page"):
    tables = field_study_statistics(program)
    # The home page's and the statistics page's counter of firms assessed.
    published.record(view, ["assessed", ALL, ALL], "value",
                     tables["progress"]["firms_assessed"])
    for name, dimension in (("sectors", 0), ("districts", 1)):
        table = tables[name]
        for row in table.rows:
            group = _code(row["label"]) if name == "sectors" else row["label"]
            for column in ("assessed", "visited"):
                key = [column, ALL, ALL]
                key[1 + dimension] = group
                published.record(view, key, "value", row["cells"][column].value)
        for column in ("assessed", "visited"):
            if column in table.totals:
                published.record(view, [column, ALL, ALL], "value", table.totals[column])
    for dimension, row in zip(Dimension.values, tables["scores"].rows, strict=True):
        for score, cell in row["cells"].items():
            published.record(view, [f"score:{dimension}", score, ALL], "value", cell.value)
    for pillar, row in zip(Dimension.values, tables["findings"].rows, strict=True):
        published.record(view, ["findings", pillar, ALL], "value",
                         row["cells"]["findings"].value)
    if "findings" in tables["findings"].totals:
        published.record(view, ["findings", ALL, ALL], "value",
                         tables["findings"].totals["findings"])
    occupations = tables["workforce_occupations"]
    for code, row in zip(OCCUPATIONS, occupations.rows, strict=True):
        published.record(view, ["workforce", code, ALL, ALL], "value",
                         row["cells"]["people"].value)
        published.record(view, ["workforce", code, ALL, ALL], "firms",
                         row["cells"]["firms"].value)
    published.record(view, ["workforce", ALL, ALL, ALL], "value", occupations.totals["people"])
    for name, position in (("workforce_sectors", 2), ("workforce_districts", 3)):
        table = tables[name]
        for row in table.rows:
            group = _code(row["label"]) if position == 2 else row["label"]
            for code, cell in row["cells"].items():
                key = ["workforce", code, ALL, ALL]
                key[position] = group
                published.record(view, key, "value", cell.value)
        for code, total in table.totals.items():
            published.record(view, ["workforce", code, ALL, ALL], "value", total)


def focal_point_report(program, published, view="focal point's workforce report"):
    """Every filter combination of the workforce report a focal point may open."""
    firms = Firm.objects.filter(program=program)
    sectors = [None, *sorted(set(firms.values_list("nace_code", flat=True)))]
    districts = [None, *sorted(set(firms.values_list("district", flat=True)))]
    for by in ("occupation", "sector", "district"):
        for sector in sectors:
            for district in districts:
                for occupation in [None, *OCCUPATIONS]:
                    needs = workforce_needs(program, by=by, disclose=True, sector=sector,
                                            district=district, occupation=occupation)
                    _record_needs(published, view, needs, sector, district, occupation)


def _record_needs(published, view, needs, sector, district, occupation):
    for (code, group), figure in needs.cells.items():
        if occupation and code != occupation:
            continue
        key = ["workforce", code, sector or ALL, district or ALL]
        if needs.by == "sector":
            key[2] = group
        elif needs.by == "district":
            key[3] = group
        published.record(view, key, "value", figure.people)
        published.record(view, key, "firms", figure.firms)
    for code, figure in needs.occupation_totals.items():
        if occupation and code != occupation:
            continue
        key = ["workforce", code, sector or ALL, district or ALL]
        published.record(view, key, "value", figure.people)
        published.record(view, key, "firms", figure.firms)
    published.record(view, ["workforce", occupation or ALL, sector or ALL, district or ALL],
                     "value", needs.total)


def reports(program, published, view="issued reports"):
    """The tables the programme and field-study reports print."""
    for name, position in (("visited_by_sector", 1), ("visited_by_district", 2)):
        figures = getattr(statistics, name)(program)
        for row in figures["rows"]:
            key = ["visited", ALL, ALL]
            key[position] = _code(row["group"]) if position == 1 else row["group"]
            published.record(view, key, "value", row["value"])
        published.record(view, ["visited", ALL, ALL], "value", figures["total"])
    for dimension, row in zip(Dimension.values, statistics.score_distribution(program),
                              strict=True):
        for score, value in zip(range(1, 6), row["scores"], strict=True):
            published.record(view, [f"score:{dimension}", score, ALL], "value", value)
        published.record(view, ["assessed", ALL, ALL], "value", row["firms"])
    for row in statistics.sector_score_means(program):
        published.record(view, ["assessed", _code(row["sector"]), ALL], "value", row["firms"])
    findings = statistics.findings_by_pillar_and_severity(program)
    for pillar, row in zip(Dimension.values, findings["rows"], strict=True):
        for severity, value in zip(Finding.Severity.values, row["counts"], strict=True):
            published.record(view, ["findings", pillar, severity], "value", value)
        published.record(view, ["findings", pillar, ALL], "value", row["total"])
    for severity, value in zip(Finding.Severity.values, findings["column_totals"], strict=True):
        published.record(view, ["findings", ALL, severity], "value", value)
    published.record(view, ["findings", ALL, ALL], "value", findings["total"])
    workforce = report_rows(workforce_needs(program, disclose=True))
    for code, row in zip(OCCUPATIONS, workforce["rows"], strict=True):
        published.record(view, ["workforce", code, ALL, ALL], "value", row["people"])
        published.record(view, ["workforce", code, ALL, ALL], "firms", row["firms"])
    published.record(view, ["workforce", ALL, ALL, ALL], "value", workforce["total"])


# Where each statistics table of the API puts its group and its measure in a key.
API_KEYS = {
    "sectors": lambda group, measure: [measure, group, ALL],
    "districts": lambda group, measure: [measure, ALL, group],
    "scores": lambda group, measure: [f"score:{group}", measure, ALL],
    "findings": lambda group, measure: ["findings", group, ALL],
    "workforce_sectors": lambda group, measure: ["workforce", measure, group, ALL],
    "workforce_districts": lambda group, measure: ["workforce", measure, ALL, group],
}


def api(program, published, view="open-data API and SDMX-CSV"):
    """The API's statistics (the SDMX-CSV prints the same observations)."""
    payload = statistics_payload(program, "en")
    for table in payload["tables"]:
        for observation in table["observations"]:
            group, measure = observation["group"], observation["measure"]
            value = observation["value"]
            assert (value is None) == (observation["conf_status"] == "C")
            if table["table"] == "workforce_occupations":
                code = ALL if group == "_T" else group
                component = "firms" if measure == "firms" else "value"
                published.record(view, ["workforce", code, ALL, ALL], component, value)
                continue
            if group == "_T":
                key = {"sectors": [measure, ALL, ALL], "districts": [measure, ALL, ALL],
                       "findings": ["findings", ALL, ALL]}.get(table["table"])
                if key is None:
                    key = ["workforce", measure, ALL, ALL]
            else:
                key = API_KEYS[table["table"]](group, measure)
            published.record(view, key, "value", value)


def every_view(program, extra=()):
    """All published views of ``program`` together (``extra``: more collectors)."""
    published = Published()
    for collect in (public_page, focal_point_report, reports, api, *extra):
        collect(program, published)
    return published
