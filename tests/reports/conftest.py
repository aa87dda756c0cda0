"""A small programme with every part a report draws on: a plan with tasks in each state,
indicators, a council decision, a locked and an open period, and a field study with
assessed firms, completed visits, answers and findings."""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.utils import timezone
from pypdf import PdfReader

from fieldvisits.default_questionnaire import load_default_questionnaire
from fieldvisits.models import Answer, Finding, Question, Visit, VisitEvent
from tests.factories import (
    ActionFactory,
    AssessmentFactory,
    FirmFactory,
    GoalFactory,
    IndicatorFactory,
    PillarFactory,
    PlanVersionFactory,
    ReportingPeriodFactory,
    TaskFactory,
    VisitFactory,
)
from tests.object_storage import use_local_storage
from tracker.models import (
    CouncilMeeting,
    Decision,
    IndicatorTarget,
    IndicatorValue,
    Task,
    TaskEvent,
)

# Sector "31.09" has BIG_SECTOR visited firms, "25.62" only SMALL_SECTOR: below the
# disclosure threshold of five.
BIG_SECTOR, SMALL_SECTOR = "31.09", "25.62"


@dataclass
class ReportData:
    program: object
    locked_period: object
    open_period: object
    plan: object
    actions: list
    visited_firms: list
    small_sector_firms: list
    version: object


def pdf_text(data):
    """The words of a PDF (bytes) separated by single spaces: table cells come out of the
    page one per line, so a row reads "KTO 3 1 1 1 0"."""
    return " ".join(" ".join(page.extract_text() for page in
                             PdfReader(io.BytesIO(data)).pages).split())


def pdf_pages(data):
    return len(PdfReader(io.BytesIO(data)).pages)


def report_bytes(report):
    with report.file.open("rb") as handle:
        return handle.read()


@pytest.fixture(autouse=True)
def reports_root(settings, tmp_path):
    """Each test's report files in its own directory (the S3 tests switch again)."""
    use_local_storage(settings, "reports", tmp_path / "reports")


def _answer(visit, questions, code, value, by):
    question = questions[code]
    return Answer.build(visit=visit, question=question, value=value, by=by)


@pytest.fixture
def report_data(personas):
    return make_report_data(personas)


def shared_report_fixtures():
    """The fixtures of a module whose tests read one set of personas and report rows:
    ``shared`` builds them once for the module (``rows_for_scope``) and ``role_groups``,
    ``personas`` and ``report_data`` hand each test its own copies (``copied_fixtures``,
    tests/scoped_data.py). A module takes them with
    ``globals().update(shared_report_fixtures())``."""
    from tests.scoped_data import copied_fixtures, rows_for_scope

    @pytest.fixture(scope="module")
    def shared(django_db_setup, django_db_blocker):
        """The personas and the report's rows, built once for the module (every test
        reads them; what one writes is rolled back after it)."""
        with rows_for_scope(django_db_blocker, shared_report_rows,
                            kept_as="personas and a report's rows") as rows:
            yield rows

    return {"shared": shared, **copied_fixtures(
        role_groups="groups", personas="personas", report_data="report_data")}


def shared_report_rows():
    """The role groups, personas and report rows as the fixtures build them (see
    ``shared_report_fixtures``)."""
    from types import SimpleNamespace

    from tests.conftest import make_personas, make_role_groups

    groups = make_role_groups()
    personas = make_personas()
    return SimpleNamespace(groups=groups, personas=personas,
                           report_data=make_report_data(personas))


def make_report_data(personas):
    """The report's rows for the personas' programme (the ``report_data`` fixture)."""
    program = personas.program
    program.start_date, program.end_date = datetime.date(2026, 1, 1), datetime.date(2028, 12, 31)
    program.save()
    locked = ReportingPeriodFactory(program=program, label="2026-1",
                                    start_date=datetime.date(2026, 1, 1),
                                    end_date=datetime.date(2026, 6, 30))
    open_period = ReportingPeriodFactory(program=program, label="2099-1",
                                         start_date=datetime.date(2099, 1, 1),
                                         end_date=datetime.date(2099, 6, 30))
    plan = PlanVersionFactory(program=program, title="Üretim ve İhracat Stratejisi")
    pillar = PillarFactory(plan=plan, code="P1", name_tr="Verimlilik", name_en="Productivity")
    goal = GoalFactory(pillar=pillar, code="G1", title="Yalın üretim")
    kto, kayso = personas.kto, personas.other_institution
    actions = [ActionFactory(goal=goal, code="A1", title="Yalın üretim eğitimi", lead=kto),
               ActionFactory(goal=goal, code="A2", title="Dijital olgunluk desteği",
                             lead=kayso)]
    actions[1].partners.add(kto)
    meeting = CouncilMeeting.objects.create(program=program, date=datetime.date(2026, 6, 10),
                                            title="Koordinasyon kurulu 2. toplantı")
    decision = Decision.objects.create(meeting=meeting, number=1,
                                       text="Kümelenme çalıştayı düzenlenecek")
    due = datetime.date
    TaskFactory(action=actions[0], assigned_institution=kto, title="Eğitim takvimi",
                due_date=due(2026, 5, 1), status=Task.Status.DONE, percent_complete=100)
    TaskFactory(action=actions[0], assigned_institution=kto, title="Eğitmen seçimi",
                due_date=due(2026, 4, 1), status=Task.Status.IN_PROGRESS,
                percent_complete=40, decision=decision)
    TaskFactory(action=actions[0], assigned_institution=kto, title="Katılımcı listesi",
                due_date=due(2027, 6, 1))
    TaskFactory(action=actions[1], assigned_institution=kayso, title="Yazılım ihalesi",
                due_date=due(2026, 6, 1), status=Task.Status.BLOCKED,
                blocked_reason="Bütçe onayı bekleniyor")
    TaskFactory(action=actions[1], assigned_institution=kayso, title="Saha ölçümü",
                due_date=due(2026, 5, 1))
    Task.objects.filter(action__in=actions).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 1, 15, 9, 0)))
    TaskEvent.objects.filter(task__action__in=actions).update(
        at=timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 0)))
    exports = IndicatorFactory(program=program, code="IHR", name_tr="İhracat",
                               name_en="Exports", baseline_value=3751)
    IndicatorTarget.objects.create(indicator=exports, year=2026, value=4000)
    IndicatorTarget.objects.create(indicator=exports, year=2028, value=5000)
    IndicatorValue.objects.create(indicator=exports, period=locked, value=4120)

    version = load_default_questionnaire(program)
    questions = {question.code: question for question in
                 Question.objects.filter(section__version=version).select_related("section")}
    firms, small = [], []
    answers = []
    # Everything below happened inside the locked period (to 30.06.2026), so the issued
    # report, judged as of its last day, counts it.
    submitted = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
    for index in range(10):
        sector = BIG_SECTOR if index < 6 else SMALL_SECTOR
        firm = FirmFactory(program=program, nace_code=sector,
                           trade_name=f"Erciyes Firma {index} A.Ş.",
                           district="Kocasinan" if index % 2 else "Melikgazi")
        AssessmentFactory(firm=firm, assessor=personas.supervisor, productivity=1 + index % 5,
                          digitalisation=2, green=3, rnd=4, institutionalisation=5,
                          export_readiness=1 + index % 3, clustering=3)
        visit = VisitFactory(program=program, firm=firm, agent=personas.agent1,
                             status=Visit.Status.APPROVED, questionnaire_version=version,
                             submitted_at=submitted + datetime.timedelta(days=7 * index))
        answers += [
            _answer(visit, questions, "workforce_welder", 3 + index, personas.agent1),
            _answer(visit, questions, "workforce_cnc_operator", 2, personas.agent1),
            _answer(visit, questions, "obstacles", ["finance", "staff"] if index < 7
                    else ["finance"], personas.agent1),
        ]
        VisitEvent.objects.create(visit=visit, from_status=Visit.Status.SUBMITTED,
                                  to_status=Visit.Status.APPROVED, by=personas.supervisor,
                                  at=submitted + datetime.timedelta(days=7 * index + 1))
        finding = Finding.objects.create(visit=visit, pillar="productivity",
                                         recorded_at=submitted + datetime.timedelta(
                                             days=7 * index + 1, hours=2),
                                         severity="high" if index < 6 else "low",
                                         text=f"Kayıp süre ölçülmüyor ({index})",
                                         recorded_by=personas.supervisor)
        finding.actions.add(actions[0])
        (firms if sector == BIG_SECTOR else small).append(firm)
    Answer.objects.bulk_create(answers)
    # An assessed firm that was never visited counts in the score medians only.
    AssessmentFactory(firm=FirmFactory(program=program, nace_code=BIG_SECTOR),
                      assessor=personas.supervisor)
    locked.lock(by=personas.coordinator)
    # Approved last: an approved plan's content is frozen.
    type(plan).objects.filter(pk=plan.pk).update(
        status="approved", approved_by=personas.coordinator,
        approved_at=timezone.make_aware(datetime.datetime(2026, 1, 10, 12, 0)))
    return ReportData(program=program, locked_period=locked, open_period=open_period,
                      plan=plan, actions=actions, visited_firms=firms + small,
                      small_sector_firms=small, version=version)
