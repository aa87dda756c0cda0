"""The rows of the public CSV downloads: labels in the page's language and numbers as
numbers; ``core.importing.spreadsheets.public_csv_response`` writes them in the
reader's dialect. A hidden figure has no value and the SDMX confidentiality flag
``CONF_STATUS`` = ``C`` (``F``, free, for a shown one), whatever the reason it is hidden."""

from django.utils.translation import gettext, pgettext

CONFIDENTIAL, FREE = "C", "F"


def indicator_headers():
    return [gettext("Code"), gettext("Indicator"), gettext("Unit"), gettext("Direction"),
            pgettext("indicator CSV column", "Kind of figure"), gettext("Year or period"),
            gettext("Value"), gettext("Source")]


def indicator_rows(indicators):
    rows = []
    for indicator in indicators:
        head = [indicator.code, indicator.name, indicator.unit, indicator.get_direction_display()]
        rows.append(head + [gettext("Baseline"), indicator.baseline_year,
                            indicator.baseline_value, indicator.baseline_source])
        rows.extend(head + [gettext("Target"), target.year, target.value, ""]
                    for target in indicator.year_targets)
        rows.extend(head + [gettext("Actual"), value.period.label, value.value, value.source]
                    for value in indicator.locked_values)
    return rows


def statistics_headers():
    return [gettext("Table"), gettext("Group"), pgettext("statistics CSV column", "Measure"),
            gettext("Value"), "CONF_STATUS", gettext("As of")]


def statistics_rows(tables, as_of):
    """Every statistics table as ``table, group, measure, value, CONF_STATUS, as of``."""
    rows = []
    if not tables:
        return rows
    day = as_of.isoformat()
    for name, title in table_titles().items():
        table = tables[name]
        for row in table.rows:
            for key, label in table.columns:
                cell = row["cells"][key]
                rows.append([title, str(row["label"]), str(label),
                             None if cell.hidden else cell.value,
                             CONFIDENTIAL if cell.hidden else FREE, day])
        for key, label in table.columns:
            if key in table.totals:
                total = table.totals[key]
                rows.append([title, gettext("Total"), str(label), total,
                             CONFIDENTIAL if total is None else FREE, day])
    return rows


def table_titles():
    return {
        "sectors": gettext("Firms by sector"),
        "districts": gettext("Firms by district"),
        "scores": gettext("Desk-assessment scores by dimension (number of firms per score)"),
        "findings": gettext("Findings of approved visits by pillar"),
        "workforce_occupations": gettext("Workforce needs by occupation"),
        "workforce_districts": gettext("Workforce needs by district and occupation "
                                       "(people needed)"),
        "workforce_sectors": gettext("Workforce needs by sector and occupation "
                                     "(people needed)"),
    }
