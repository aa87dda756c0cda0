"""A programme with every kind of public figure, built with factories at a chosen scale."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from fieldvisits.models import (
    Answer,
    Finding,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
    Visit,
)
from tests.factories import (
    ActionFactory,
    AssessmentFactory,
    FirmFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MilestoneFactory,
    PhaseFactory,
    PillarFactory,
    PlanVersionFactory,
    ReportingPeriodFactory,
    TaskFactory,
    VisitFactory,
)
from tracker.models import IndicatorTarget, PlanVersion, Task

# The sector whose four visited firms must never show on the public site.
SMALL_SECTOR = "25.62"
BIG_SECTOR = "31.09"
OTHER_SECTOR = "13.20"
THIS_YEAR = timezone.localdate().year


@dataclass
class Programme:
    program: object
    plan: object = None
    actions: list = field(default_factory=list)
    export: object = None
    locked_period: object = None
    open_period: object = None
    firms: list = field(default_factory=list)


def build_programme(program, *, scale=1, coordinator, institutions):
    """Phases, an approved plan, indicators and a field study for ``program``.

    The field study has ``10 × scale`` assessed and visited firms in one big sector,
    ``6 × scale`` in another and always exactly 4 visited firms in ``SMALL_SECTOR``."""
    built = Programme(program=program)
    _roadmap(program, scale)
    _plan(built, scale, coordinator, institutions)
    _indicators(built)
    _field_study(built, scale, coordinator)
    return built


def _roadmap(program, scale):
    for order, (tr, en, year) in enumerate(
            [("Dönüşüm", "Transformation", 2026), ("Gelişim", "Development", 2027),
             ("Kazanım", "Achievement", 2028)], start=1):
        phase = PhaseFactory(program=program, order=order, name_tr=tr, name_en=en,
                             start_date=datetime.date(year, 1, 1),
                             end_date=datetime.date(year, 12, 31))
        for index in range(2 * scale):
            MilestoneFactory(phase=phase, title=f"{en} milestone {index}",
                             due_date=datetime.date(year, 6, 1) + datetime.timedelta(days=index),
                             owner=None)


def _plan(built, scale, coordinator, institutions):
    plan = PlanVersionFactory(program=built.program, title="Üretim ve İhracat Stratejisi")
    lead, partner = institutions
    for pillar_index in range(2):
        pillar = PillarFactory(plan=plan, name_tr=f"Eksen {pillar_index}",
                               name_en=f"Pillar {pillar_index}")
        goal = GoalFactory(pillar=pillar)
        for _index in range(3 * scale):
            action = ActionFactory(goal=goal, lead=lead,
                                   start_date=datetime.date(2026, 1, 1),
                                   end_date=datetime.date(2027, 12, 31))
            action.partners.add(partner)
            built.actions.append(action)
    PlanVersion.objects.filter(pk=plan.pk).update(
        status=PlanVersion.Status.APPROVED, approved_at=timezone.now(), approved_by=coordinator)
    plan.refresh_from_db()
    built.plan = plan
    for action in built.actions:
        TaskFactory(action=action, title=f"Step of {action.code}", due_date=action.end_date)
        TaskFactory(action=action, title=f"Second step of {action.code}",
                    due_date=action.end_date, blocked_reason="Internal note: budget row 7",
                    status=Task.Status.BLOCKED)
    Task.objects.filter(action=built.actions[0]).update(status=Task.Status.DONE,
                                                        percent_complete=100)


def _indicators(built):
    program = built.program
    built.export = IndicatorFactory(program=program, code="EXP", name_tr="İhracat",
                                    name_en="Exports", baseline_value=3751, baseline_year=2024,
                                    baseline_source="TİM")
    IndicatorTarget.objects.create(indicator=built.export, year=THIS_YEAR, value=3950)
    IndicatorTarget.objects.create(indicator=built.export, year=THIS_YEAR + 1, value=4300)
    built.locked_period = ReportingPeriodFactory(
        program=program, label="2025", start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 12, 31))
    built.open_period = ReportingPeriodFactory(
        program=program, label="2026", start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31))
    IndicatorValueFactory(indicator=built.export, period=built.locked_period, value=3812)
    IndicatorValueFactory(indicator=built.export, period=built.open_period, value=3990)
    built.locked_period.locked_at = timezone.now()
    built.locked_period.save(update_fields=["locked_at"])


def _field_study(built, scale, assessor):
    program = built.program
    version = QuestionnaireVersion.objects.create(
        questionnaire=Questionnaire.objects.create(program=program, name="Ziyaret anketi"),
        number=1)
    section = Section.objects.create(version=version, order=1, title="İşgücü ihtiyacı")
    welders = Question.objects.create(section=section, order=1, code="workforce_welder",
                                      text="İhtiyaç duyulan kaynakçı sayısı",
                                      kind=Question.Kind.INTEGER, required=False,
                                      min_value=0, max_value=500)
    version.publish()
    groups = [(BIG_SECTOR, "Kocasinan", 10 * scale), (OTHER_SECTOR, "Melikgazi", 6 * scale),
              (SMALL_SECTOR, "Talas", 4)]
    for sector, district, count in groups:
        for index in range(count):
            firm = FirmFactory(program=program, nace_code=sector, district=district)
            AssessmentFactory(firm=firm, assessor=assessor, productivity=1 + index % 5)
            visit = VisitFactory(program=program, firm=firm, status=Visit.Status.APPROVED,
                                 questionnaire_version=version)
            Answer.objects.create(visit=visit, question=welders, value_number=2 + index % 3,
                                  answered_by=assessor)
            Finding.objects.create(visit=visit, pillar="digitalisation", severity="high",
                                   text=f"Confidential note about {firm.trade_name}",
                                   recorded_by=assessor)
            built.firms.append(firm)
    return built
