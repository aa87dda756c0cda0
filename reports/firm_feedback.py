"""The feedback report a visited firm receives: its seven dimension scores against its
sector's and the programme's medians, its findings and the programme's support offers
(the action-plan actions its findings are evidence for).

A median is shown only where its comparison group has at least five assessed firms
(``fieldvisits.statistics.comparison_medians``). The group counts and the plan in force
are read once per bundle (``shared_context``); firms are then read in batches
(``collect_firms``: three queries a batch), and the offers matched to a sector and its
weakest dimensions once per such pair, so a bundle's queries do not grow with its firms.
"""

import re

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from fieldvisits.dimensions import Dimension
from fieldvisits.disclosure import MIN_FIRMS
from fieldvisits.models import Finding, Firm, Visit, VisitEvent
from fieldvisits.statistics import (
    comparison_medians,
    programme_score_counts,
    score_counts_by_sector,
)
from reports import charts, pdf
from reports.snapshot import as_of, base_snapshot, day, start_of_day
from tracker.models import Action, PlanVersion, end_of_day


def visited_firms(program, period):
    """Firms of ``program`` whose visit was approved during ``period`` (up to its last
    day, or today while it runs): the firms the period's feedback goes to."""
    approvals = VisitEvent.objects.filter(
        visit__program=program, to_status=Visit.Status.APPROVED,
        at__gte=start_of_day(period.start_date), at__lt=end_of_day(as_of(period)))
    return Firm.objects.filter(pk__in=approvals.values("visit__firm")).order_by("pk")


# How many support offers of other firms' findings a firm is shown, for its weakest
# dimensions in its NACE division.
MATCHED_OFFERS = 4


def percentile(counts, score):
    """The share (0–100) of the comparison group below ``score``, counting ties as half:
    ``None`` when the group (``{score: firms}``) has fewer than ``MIN_FIRMS`` firms."""
    size = sum(counts.values()) if counts else 0
    if score is None or size < MIN_FIRMS:
        return None
    below = sum(firms for value, firms in counts.items() if value < score)
    return round(100 * (below + counts.get(score, 0) / 2) / size)


# Firms read together when a bundle is drawn: their findings and offers in three queries.
BATCH_SIZE = 200


def shared_context(report):
    """What every firm's feedback of ``report``'s programme and period reads alike."""
    program = report.program
    by_sector = score_counts_by_sector(program)
    return {"by_sector": by_sector,
            "programme_medians": comparison_medians(programme_score_counts(by_sector)),
            "plan": PlanVersion.objects.current_as_of(program, as_of(report.period)),
            "matched": {}}


def collect(report, progress=None):
    return collect_firm(report, report.firm_id, shared_context(report))


def collect_firm(report, firm_id, context):
    return next(collect_firms(report, [firm_id], context))


def collect_firms(report, firm_ids, context):
    """The feedback snapshots of ``firm_ids`` (firms of ``report``'s programme), in that
    order, read ``BATCH_SIZE`` firms at a time."""
    for start in range(0, len(firm_ids), BATCH_SIZE):
        batch = firm_ids[start:start + BATCH_SIZE]
        firms = Firm.objects.select_related("assessment").in_bulk(batch)
        today = as_of(report.period)
        approved = Visit.objects.filter(firm__in=batch).approved_as_of(today)
        findings = {}
        for finding in (Finding.objects.filter(visit__in=approved.values("pk"),
                                               recorded_at__lt=end_of_day(today))
                        .select_related("visit")
                        .prefetch_related(Prefetch("actions", Action.objects
                                                   .select_related("lead").order_by("code")))
                        .order_by("pillar", "-recorded_at", "pk")):
            findings.setdefault(finding.visit.firm_id, []).append(finding)
        for firm_id in batch:
            firm = firms.get(firm_id)
            if firm is None or firm.program_id != report.program_id:
                raise Firm.DoesNotExist(f"Firm {firm_id} is not of the report's programme.")
            yield _firm_snapshot(report, firm, findings.get(firm_id, []), context)


def _matched_offers(context, division, weakest):
    """Actions of the plan in force whose findings, in firms of NACE ``division``, are of
    the ``weakest`` dimensions, by code: read once per pair in a bundle."""
    key = (division, tuple(weakest))
    if key not in context["matched"]:
        context["matched"][key] = list(
            Action.objects.filter(findings__pillar__in=weakest,
                                  findings__visit__firm__nace_code__startswith=division,
                                  goal__pillar__plan=context["plan"])
            .select_related("lead").distinct().order_by("code"))
    return context["matched"][key]


def _firm_snapshot(report, firm, findings, context):
    snapshot = base_snapshot(report, _("Firm feedback report"))
    assessment = getattr(firm, "assessment", None)
    sector_medians = comparison_medians(context["by_sector"].get(firm.nace_code))
    snapshot["firm"] = {"id": firm.pk, "name": firm.trade_name, "sector": firm.sector_label,
                        "district": firm.district}
    sector_counts = context["by_sector"].get(firm.nace_code) or {}
    snapshot["scores"] = [{
        "dimension": str(Dimension(dim).label),
        "firm": getattr(assessment, dim) if assessment else None,
        "sector_median": sector_medians[dim],
        "programme_median": context["programme_medians"][dim],
        "sector_percentile": percentile(sector_counts.get(dim),
                                        getattr(assessment, dim) if assessment else None),
    } for dim in Dimension.values]
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
    scored = [(getattr(assessment, dim), dim) for dim in Dimension.values
              if assessment is not None and getattr(assessment, dim) is not None]
    weakest = [dim for _score, dim in sorted(scored)[:2]]
    matched = [action for action in _matched_offers(context, firm.nace_code[:2], weakest)
               if action.pk not in offers][:MATCHED_OFFERS]
    for action in matched:
        offers[action.pk] = {
            "code": action.code, "title": action.title, "lead": str(action.lead),
            "start": day(action.start_date), "end": day(action.end_date),
            "pillars": [str(Dimension(dim).label) for dim in weakest]}
    snapshot["offers"] = sorted(offers.values(), key=lambda offer: offer["code"])
    snapshot["next_steps"] = [
        _("Contact %(institution)s about “%(action)s”.") % {
            "institution": offer["lead"], "action": offer["title"]}
        for offer in snapshot["offers"][:3]]
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
    story.append(pdf.paragraph(_(
        "The bar shows where your score stands among the assessed firms of your sector: "
        "left the lowest, right the highest; the lines mark the quarters."), "note"))
    story += pdf.table(
        [_("Dimension"), _("Your score"), _("Sector median"), _("Programme median"),
         _("Your place in your sector (0–100)")],
        [[row["dimension"], pdf.num(row["firm"]), pdf.median(row["sector_median"]),
          pdf.median(row["programme_median"]), charts.percentile_bar(row.get("sector_percentile"))]
         for row in snapshot["scores"]], numeric=(1, 2, 3))
    story.append(charts.grouped_bars(
        [row["dimension"] for row in snapshot["scores"]],
        [[row["firm"] for row in snapshot["scores"]],
         [row["sector_median"] for row in snapshot["scores"]],
         [row["programme_median"] for row in snapshot["scores"]]],
        title=_("Scores against the medians"),
        series_names=[_("Your score"), _("Sector median"), _("Programme median")], maximum=5))
    story.append(pdf.heading(_("What the visit found")))
    story += pdf.table([_("Pillar"), _("Severity"), _("Finding")],
                       [[f["pillar"], f["severity"], f["text"]] for f in snapshot["findings"]])
    story.append(pdf.heading(_("Support the programme offers")))
    story += pdf.table([_("Action"), _("Lead institution"), _("Runs"), _("For")],
                       [[f"{o['code']} {pdf.text(o['title'])}", o["lead"],
                         f"{pdf.date(o['start'])} – {pdf.date(o['end'])}",
                         ", ".join(o["pillars"])] for o in snapshot["offers"]])
    if snapshot.get("next_steps"):
        story.append(pdf.heading(_("Next steps"), "h2"))
        story += [pdf.paragraph(f"• {step}") for step in snapshot["next_steps"]]
    return pdf.build_pdf(out, story, title=f"{snapshot['title']} · {firm['name']}",
                         snapshot=snapshot)
