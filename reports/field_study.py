"""The field study report: coverage, desk-assessment score distributions per dimension
and sector, findings, obstacles and support requested, workforce needs.

Aggregates only, each through ``fieldvisits.statistics`` or ``fieldvisits.workforce``
(which apply the disclosure rule); the coverage, findings and workforce sections are
shared with the programme report.
"""

from django.utils.translation import gettext as _

from fieldvisits.dimensions import Dimension
from fieldvisits.published import reading_once
from fieldvisits.queries import coverage_summary, weekly_burn_up
from fieldvisits.statistics import (
    choice_counts,
    findings_by_pillar_and_severity,
    score_distribution,
    sector_score_means,
    visited_by_district,
    visited_by_sector,
)
from fieldvisits.workforce import report_rows, workforce_needs
from reports import charts, pdf
from reports.snapshot import as_of, base_snapshot, day


def coverage_figures(program, today):
    """Coverage as of ``today``: visits counted once approved (the submitted ones waiting
    for approval given apart)."""
    summary = coverage_summary(program, today)
    return {
        "summary": summary,
        "by_sector": visited_by_sector(program, as_of=today),
        "by_district": visited_by_district(program, as_of=today),
        "burn_up": [{"week": day(week["week"]), "in_week": week["in_week"],
                     "cumulative": week["cumulative"]}
                    for week in weekly_burn_up(program, today)],
    }


@reading_once()
def collect(report, progress=None):
    program = report.program
    today = as_of(report.period)
    snapshot = base_snapshot(report, _("Field study report"))
    snapshot["coverage"] = coverage_figures(program, today)
    snapshot["dimensions"] = [str(label) for label in Dimension.labels]
    snapshot["score_distribution"] = score_distribution(program, as_of=today)
    snapshot["sector_means"] = sector_score_means(program, as_of=today)
    snapshot["findings"] = findings_by_pillar_and_severity(program, as_of=today)
    snapshot["obstacles"] = choice_counts(program, "obstacles", today)
    snapshot["support"] = choice_counts(program, "support_requested", today)
    snapshot["workforce"] = report_rows(workforce_needs(program, disclose=True, as_of=today))
    return snapshot


def coverage_section(coverage):
    summary = coverage["summary"]
    story = [pdf.heading(_("Field study coverage"))]
    story += pdf.table(
        [_("Figure"), _("Done"), _("Target"), _("Share")],
        [[_("Firms assessed"), pdf.num(summary["firms_assessed"]),
          pdf.num(summary["firms_target"]),
          pdf.pct(pdf.share(summary["firms_assessed"], summary["firms_target"]))],
         [_("Firms selected for a visit"), pdf.num(summary["firms_selected"]), "–", "–"],
         [_("Visits approved"), pdf.num(summary["visits_approved"]),
          pdf.num(summary["visits_target"]),
          pdf.pct(pdf.share(summary["visits_approved"], summary["visits_target"]))],
         [_("Visits submitted, awaiting approval"),
          pdf.num(summary.get("visits_awaiting_approval")), "–", "–"]], numeric=(1, 2, 3),
        note=_("Every field-study figure of this report counts visits approved by the "
               "report's date; visits submitted and not yet approved are counted apart."))
    for key, label, title in (
            ("by_sector", _("Sector"), _("Visited firms by sector")),
            ("by_district", _("District"), _("Visited firms by district"))):
        breakdown = coverage[key]
        rows = [[row["group"], pdf.protected(row["value"])] for row in breakdown["rows"]]
        rows.append([_("Total"), pdf.protected(breakdown["total"])])
        story.append(pdf.heading(title, "h2"))
        story += pdf.table([label, _("Visited firms")], rows, numeric=(1,),
                           note=pdf.disclosure_note())
    if coverage["burn_up"]:
        story.append(charts.burn_up_chart(coverage["burn_up"], summary["visits_target"],
                                       title=_("Approved visits per week of submission (burn-up)")))
    return story


def findings_section(findings):
    story = [pdf.heading(_("Findings by pillar and severity"), "h2")]
    rows = [[row["pillar"], *[pdf.protected(c) for c in row["counts"]],
             pdf.protected(row["total"])] for row in findings["rows"]]
    rows.append([_("Total"), *[pdf.protected(c) for c in findings["column_totals"]],
                 pdf.protected(findings["total"])])
    count = len(findings["severities"])
    story += pdf.table([_("Pillar"), *findings["severities"], _("Total")], rows,
                       numeric=tuple(range(1, count + 2)), note=pdf.disclosure_note())
    return story


def workforce_section(workforce):
    story = [pdf.heading(_("Workforce needs by occupation"), "h2")]
    rows = [[row["occupation"], pdf.protected(row["people"]), pdf.protected(row["firms"])]
            for row in workforce["rows"]]
    rows.append([_("Total"), pdf.protected(workforce["total"]), ""])
    story += pdf.table([_("Occupation"), _("People needed"), _("Firms")], rows, numeric=(1, 2),
                       note=pdf.disclosure_note())
    return story


def render(snapshot, out):
    story = pdf.cover(snapshot, snapshot["title"])
    story += coverage_section(snapshot["coverage"])
    story.append(pdf.heading(_("Desk-assessment scores")))
    rows = [[row["dimension"], *[pdf.protected(v) for v in row["scores"]],
             pdf.protected(row["firms"]), pdf.median(row["median"])]
            for row in snapshot["score_distribution"]]
    story += pdf.table([_("Dimension"), "1", "2", "3", "4", "5", _("Firms"), _("Median")], rows,
                       numeric=tuple(range(1, 8)), note=pdf.disclosure_note())
    story.append(pdf.heading(_("Mean score per sector (1–5)"), "h2"))
    rows = [[row["sector"], pdf.protected(row["firms"]),
             *[pdf.protected(v, lambda x: pdf.num(x, 1)) for v in row["means"]]]
            for row in snapshot["sector_means"]]
    story += pdf.table([_("Sector"), _("Firms"), *snapshot["dimensions"]], rows,
                       numeric=tuple(range(1, 9)),
                       note=pdf.disclosure_note(), head_size=6)
    story.append(pdf.heading(_("Findings, obstacles and support requested")))
    story += findings_section(snapshot["findings"])
    for key, title in (("obstacles", _("Obstacles named by the firms")),
                       ("support", _("Support requested by the firms"))):
        figures = snapshot[key]
        story.append(pdf.heading(title, "h2"))
        rows = [[row["group"], pdf.protected(row["value"])] for row in figures["rows"]]
        story += pdf.table([_("Option"), _("Firms")], rows, numeric=(1,),
                           note=_("%(firms)s firms answered; a firm may name several.") % {
                               "firms": pdf.num(figures["firms_answering"])}
                           + " " + pdf.disclosure_note())
    story += workforce_section(snapshot["workforce"])
    return pdf.build_pdf(out, story, title=snapshot["title"], snapshot=snapshot)
