"""The feedback report a visited firm receives: its seven dimension scores against its
sector's and the programme's medians, its findings and the programme's support offers
(the action-plan actions its findings are evidence for).

A median is shown only where its comparison group has at least five assessed firms
(``fieldvisits.statistics.comparison_medians``). The group counts are read once per
bundle (``shared_context``), so each firm then costs a fixed three queries.
"""

import re

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from fieldvisits.dimensions import Dimension
from fieldvisits.disclosure import MIN_FIRMS
from fieldvisits.models import Finding, Firm, Visit
from fieldvisits.statistics import (
    comparison_medians,
    programme_score_counts,
    score_counts_by_sector,
)
from reports import pdf
from reports.snapshot import base_snapshot, day
from tracker.models import Action


def visited_firms(program):
    """Firms of ``program`` with a completed (submitted or approved) visit."""
    return Firm.objects.filter(
        program=program, visits__status__in=Visit.COMPLETED_STATUSES).distinct().order_by("pk")


def shared_context(program):
    by_sector = score_counts_by_sector(program)
    return {"by_sector": by_sector,
            "programme_medians": comparison_medians(programme_score_counts(by_sector))}


def collect(report, progress=None):
    return collect_firm(report, report.firm_id, shared_context(report.program))


def collect_firm(report, firm_id, context):
    firm = Firm.objects.select_related("assessment").get(pk=firm_id, program=report.program)
    snapshot = base_snapshot(report, _("Firm feedback report"))
    assessment = getattr(firm, "assessment", None)
    sector_medians = comparison_medians(context["by_sector"].get(firm.nace_code))
    snapshot["firm"] = {"id": firm.pk, "name": firm.trade_name, "sector": firm.sector_label,
                        "district": firm.district}
    snapshot["scores"] = [{
        "dimension": str(Dimension(dim).label),
        "firm": getattr(assessment, dim) if assessment else None,
        "sector_median": sector_medians[dim],
        "programme_median": context["programme_medians"][dim],
    } for dim in Dimension.values]
    findings = list(
        Finding.objects.filter(visit__firm=firm, visit__status__in=Visit.COMPLETED_STATUSES)
        .prefetch_related(Prefetch("actions", Action.objects.select_related("lead")
                                   .order_by("code")))
        .order_by("pillar", "-recorded_at"))
    snapshot["findings"] = [{"pillar": f.get_pillar_display(), "severity":
                             f.get_severity_display(), "text": f.text} for f in findings]
    offers = {}
    for finding in findings:
        for action in finding.actions.all():
            offers.setdefault(action.pk, {
                "code": action.code, "title": action.title, "lead": str(action.lead),
                "start": day(action.start_date), "end": day(action.end_date),
                "pillars": []})
            if finding.get_pillar_display() not in offers[action.pk]["pillars"]:
                offers[action.pk]["pillars"].append(finding.get_pillar_display())
    snapshot["offers"] = sorted(offers.values(), key=lambda offer: offer["code"])
    return snapshot


def file_name(snapshot):
    slug = re.sub(r"[^\w]+", "-", snapshot["firm"]["name"], flags=re.UNICODE).strip("-")[:60]
    return f"{snapshot['firm']['id']:05d}-{slug}.pdf"


def render(snapshot, out):
    firm = snapshot["firm"]
    story = pdf.cover(snapshot, snapshot["title"], [firm["name"], firm["sector"],
                                                     firm["district"]])
    story.append(pdf.heading(_("Your scores in seven dimensions")))
    story.append(pdf.paragraph(_(
        "Scores run from 1 (very weak) to 5 (very strong). A median is shown only where at "
        "least %(min)d firms are compared; otherwise “–”.") % {"min": MIN_FIRMS}, "note"))
    story += pdf.table(
        [_("Dimension"), _("Your score"), _("Sector median"), _("Programme median")],
        [[row["dimension"], pdf.num(row["firm"]), pdf.median(row["sector_median"]),
          pdf.median(row["programme_median"])] for row in snapshot["scores"]],
        [0.4, 0.2, 0.2, 0.2], numeric=(1, 2, 3))
    story.append(pdf.grouped_bars(
        [row["dimension"] for row in snapshot["scores"]],
        [[row["firm"] for row in snapshot["scores"]],
         [row["sector_median"] for row in snapshot["scores"]],
         [row["programme_median"] for row in snapshot["scores"]]],
        title=_("Scores against the medians"),
        series_names=[_("Your score"), _("Sector median"), _("Programme median")], maximum=5))
    story.append(pdf.heading(_("What the visit found")))
    story += pdf.table([_("Pillar"), _("Severity"), _("Finding")],
                       [[f["pillar"], f["severity"], f["text"]] for f in snapshot["findings"]],
                       [0.22, 0.13, 0.65])
    story.append(pdf.heading(_("Support the programme offers")))
    story += pdf.table([_("Action"), _("Lead institution"), _("Runs"), _("For")],
                       [[f"{o['code']} {o['title']}", o["lead"],
                         f"{pdf.date(o['start'])} – {pdf.date(o['end'])}",
                         ", ".join(o["pillars"])] for o in snapshot["offers"]],
                       [0.42, 0.18, 0.2, 0.2])
    return pdf.build_pdf(out, story, title=f"{snapshot['title']} · {firm['name']}",
                         snapshot=snapshot)
