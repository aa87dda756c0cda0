"""The rows of the public CSV downloads: labels in the page's language, numbers in plain
machine-readable form (no grouping, a point before decimals) so spreadsheets read them."""

from django.utils.translation import gettext


def plain_number(value):
    """``3751`` for 3751.00, ``241.07`` for 241.07; "" for none."""
    if value is None:
        return ""
    normalized = value.normalize() if hasattr(value, "normalize") else value
    if float(normalized) == int(normalized):
        return str(int(normalized))
    return format(normalized, "f")


def indicator_rows(indicators):
    rows = [[gettext("Code"), gettext("Indicator"), gettext("Unit"), gettext("Direction"),
             gettext("Figure"), gettext("Year or period"), gettext("Value"), gettext("Source")]]
    for indicator in indicators:
        head = [indicator.code, indicator.name, indicator.unit, indicator.get_direction_display()]
        rows.append(head + [gettext("Baseline"), indicator.baseline_year,
                            plain_number(indicator.baseline_value), indicator.baseline_source])
        rows.extend(head + [gettext("Target"), target.year, plain_number(target.value), ""]
                    for target in indicator.year_targets)
        rows.extend(head + [gettext("Actual"), value.period.label, plain_number(value.value),
                            value.source]
                    for value in indicator.locked_values)
    return rows


def statistics_rows(tables):
    """Every statistics table as ``table, group, column, value, note``: a hidden cell (or
    total) has no value and says why in general terms (never which firm count it rests
    on)."""
    rows = [[gettext("Table"), gettext("Group"), gettext("Figure"), gettext("Value"),
             gettext("Note")]]
    if not tables:
        return rows
    titles = table_titles()
    for name, title in titles.items():
        table = tables[name]
        for row in table.rows:
            for key, label in table.columns:
                cell = row["cells"][key]
                rows.append([title, row["label"], str(label),
                             "" if cell.hidden else plain_number(cell.value),
                             gettext("hidden to protect firms") if cell.hidden else ""])
        for key, label in table.columns:
            if key in table.totals:
                total = table.totals[key]
                rows.append([title, gettext("Total"), str(label), plain_number(total),
                             gettext("hidden to protect firms") if total is None else ""])
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
