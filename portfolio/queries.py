"""The national portfolio: one row per programme the user may read, side by side.

A national coordinator reads every programme, a programme's coordinator or supervisor
their own (``tracker.access.PLAN_MANAGERS`` through ``programs_for``). Every figure is
aggregated in the database, one query per kind of figure over all the programmes, so the
number of queries stays the same whatever the number of programmes.

The field study's coverage (firms assessed, visits completed) is read from each
programme's summary row (``portfolio.models.ProgrammeSummary``), kept current on write,
so a load reads 81 rows rather than counting 160,000 firms; no firm-level row is read.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from clusters.models import FUNNEL_STAGES, Cluster
from clusters.queries import (
    FunnelRow,
    funnel_by_program,
    stage_counts,
    support_amount_by_program,
)
from core.money import format_money, format_totals
from portfolio.formats import share
from portfolio.summaries import summaries
from tracker.access import PLAN_MANAGERS, in_program_scope
from tracker.models import Program, programs_for
from tracker.queries import (
    current_phase,
    indicators_by_program,
    overdue_tasks_by_program,
    phases_by_program,
)


@dataclass
class ProgrammeRow:
    """One programme of the portfolio with its figures on ``today``."""

    program: Program
    today: datetime.date
    phases: list = field(default_factory=list)
    firms_assessed: int = 0
    visits_completed: int = 0
    indicators: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    # ``{stage: count}``: where the programme's clusters stand now, every stage present.
    stages: dict = field(default_factory=dict)
    # ``[FunnelRow(stage, label, reached), …]``: identified … completed, cumulative.
    funnel: list = field(default_factory=list)
    # Support delivered to the clusters, in the programme's own currency (None: none).
    support_amount: object = None

    @property
    def support_text(self):
        return format_money(self.support_amount, self.program.currency)

    @property
    def province(self):
        return self.program.province

    @property
    def phase(self):
        """The phase running today (see ``tracker.queries.current_phase``), or ``None``."""
        return current_phase(self.phases, self.today)

    @property
    def firms_target(self):
        return self.program.target_firms_assessed

    @property
    def visits_target(self):
        return self.program.target_visits

    @property
    def firms_share(self):
        return share(self.firms_assessed, self.firms_target)

    @property
    def visits_share(self):
        return share(self.visits_completed, self.visits_target)

    @property
    def indicators_on_target(self):
        return sum(1 for row in self.indicators if row["on_target"])

    @property
    def indicators_judged(self):
        """Indicators with both an actual value and this year's target."""
        return sum(1 for row in self.indicators if row["on_target"] is not None)

    @property
    def overdue_total(self):
        return sum(row["overdue"] for row in self.overdue)

    @property
    def stage_cells(self):
        """``[(stage, label, count), …]`` in the funnel's order, dropped last."""
        return [(stage, label, self.stages.get(stage, 0)) for stage, label in Cluster.Stage.choices]


def portfolio_programs(user):
    """The programmes whose row ``user`` may read, by province then name: all of them,
    whichever programme the admin header has chosen."""
    with in_program_scope(None):
        readable = programs_for(user, PLAN_MANAGERS)
    return Program.objects.filter(pk__in=readable.values("pk")).order_by("province", "name_tr")


def portfolio(user, today=None):
    """``{"rows": [ProgrammeRow, …], "totals": {…}}`` for the programmes ``user`` may read."""
    today = today or timezone.localdate()
    programs = list(portfolio_programs(user))
    ids = [program.pk for program in programs]
    phases = phases_by_program(ids, today)
    counted = summaries(ids)
    firms = {pk: row.firms_assessed for pk, row in counted.items()}
    visits = {pk: row.visits_completed for pk, row in counted.items()}
    indicators = indicators_by_program(ids, today.year)
    overdue = overdue_tasks_by_program(ids, today)
    stages = stage_counts(ids)
    funnels = funnel_by_program(ids)
    support = support_amount_by_program(ids)
    rows = [
        ProgrammeRow(
            program=program, today=today, phases=phases.get(program.pk, []),
            firms_assessed=firms.get(program.pk, 0),
            visits_completed=visits.get(program.pk, 0),
            indicators=indicators.get(program.pk, []),
            overdue=overdue.get(program.pk, []),
            stages=stages.get(program.pk, {}),
            funnel=funnels.get(program.pk, []),
            support_amount=support.get(program.pk),
        )
        for program in programs
    ]
    return {"rows": rows, "today": today, "totals": _totals(rows),
            "funnel": national_funnel(rows), "stage_choices": Cluster.Stage.choices}


def national_funnel(rows):
    """The funnel over the programmes of ``rows``: each stage's reached counts added up."""
    totals = {}
    for row in rows:
        for stage in row.funnel:
            totals[stage.stage] = totals.get(stage.stage, 0) + stage.reached
    return [FunnelRow(stage, label, totals.get(stage, 0)) for stage, label in (
        (stage.value, stage.label) for stage in FUNNEL_STAGES)]


def support_by_currency(rows):
    """The support delivered over ``rows``, one total per currency: rials are never added
    to liras."""
    totals = {}
    for row in rows:
        if row.support_amount is not None:
            currency = row.program.currency
            totals[currency] = totals.get(currency, 0) + row.support_amount
    return totals


def _totals(rows):
    firms = sum(row.firms_assessed for row in rows)
    firms_target = sum(row.firms_target for row in rows)
    visits = sum(row.visits_completed for row in rows)
    visits_target = sum(row.visits_target for row in rows)
    return {
        "programmes": len(rows),
        # Counts below add programmes of every country the reader may see; the table says
        # which countries once there are several (amounts stay one total per currency).
        "countries": list(dict.fromkeys(row.program.get_country_display() for row in rows)),
        "stage_cells": [(stage, label, sum(row.stages.get(stage, 0) for row in rows))
                        for stage, label in Cluster.Stage.choices],
        "firms_assessed": firms, "firms_target": firms_target,
        "firms_share": share(firms, firms_target),
        "visits_completed": visits, "visits_target": visits_target,
        "visits_share": share(visits, visits_target),
        "indicators_on_target": sum(row.indicators_on_target for row in rows),
        "indicators_judged": sum(row.indicators_judged for row in rows),
        "overdue_total": sum(row.overdue_total for row in rows),
        "support": format_totals(support_by_currency(rows)),
    }
