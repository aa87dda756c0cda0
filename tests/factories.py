import datetime

import factory
from django.contrib.auth import get_user_model

from fieldvisits.models import Firm, Visit
from fieldvisits.validators import vkn_check_digit
from tests.access import PASSWORD
from tracker.access import Role
from tracker.models import Institution, Membership, Milestone, Phase, Program
from tracker.roles import ROLE_GROUP_NAMES


def valid_vkn(n):
    prefix = f"{100000000 + n:09d}"
    return prefix + str(vkn_check_digit(prefix))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    province = "Kayseri"
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2028, 12, 31)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Institution {n}")
    short_name = factory.Sequence(lambda n: f"INST{n}")
    kind = Institution.Kind.CHAMBER


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    program = factory.SubFactory(ProgramFactory)
    order = factory.Sequence(lambda n: n + 1)
    name_tr = "Dönüşüm"
    name_en = "Transformation"
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone
        skip_postgeneration_save = True
        rename = {"title": "title_tr"}

    phase = factory.SubFactory(PhaseFactory)
    # ``title`` is the original (Turkish) column; the English one repeats it unless given.
    title = factory.Sequence(lambda n: f"Milestone {n}")
    title_en = factory.LazyAttribute(lambda milestone: milestone.title)
    due_date = datetime.date(2026, 6, 30)
    # Written as if planned when the programme began, like rows that predate the history.
    created_at = factory.LazyAttribute(
        lambda milestone: Milestone.created_with_programme(milestone.phase.program))

    @factory.post_generation
    def history(milestone, create, extracted, **kwargs):
        """A milestone made done gets the event that dates its completion, on its done
        date, as the admin would have recorded it that day."""
        if create:
            milestone.record_completion_dated()


class FirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Firm

    program = factory.SubFactory(ProgramFactory)
    tax_number = factory.Sequence(valid_vkn)
    trade_name = factory.Sequence(lambda n: f"Firma {n} San. ve Tic. A.Ş.")
    nace_code = "31.09"
    district = "Kocasinan"
    employees = 50
    is_exporter = True


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    program = factory.SubFactory(ProgramFactory)
    firm = factory.SubFactory(FirmFactory, program=factory.SelfAttribute("..program"))
    scheduled_date = datetime.date(2026, 10, 1)
    status = Visit.Status.SCHEDULED


def member(program, role, username, institution=None):
    """A user holding ``role`` in ``program``, in the role's group."""
    from django.contrib.auth.models import Group

    user = UserFactory(username=username)
    Membership.objects.get_or_create(user=user, program=program, role=role,
                                     defaults={"institution": institution})
    user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[Role(role)]))
    return user


# --- field study ---
from fieldvisits.models import (  # noqa: E402
    Assessment,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    firm = factory.SubFactory(FirmFactory)
    assessor = factory.SubFactory(UserFactory)
    assessed_on = datetime.date(2026, 8, 1)
    productivity = 3
    digitalisation = 3
    green = 3
    rnd = 3
    institutionalisation = 3
    export_readiness = 3
    clustering = 3


QUESTION_SPECS = [
    ("maturity", Question.Kind.SCALE, True, {}),
    ("capacity", Question.Kind.PERCENTAGE, True, {"unit": "%"}),
    ("staff_needed", Question.Kind.INTEGER, False, {"min_value": 0, "max_value": 500}),
    ("turnover", Question.Kind.DECIMAL, False, {"min_value": 0, "max_value": 1000,
                                                  "unit": "M TL"}),
    ("main_obstacle", Question.Kind.SINGLE_CHOICE, False,
     {"choices": "finance|Finansman\nlogistics|Lojistik"}),
    ("obstacles", Question.Kind.MULTIPLE_CHOICE, False,
     {"choices": "finance|Finansman\nlogistics|Lojistik\nstaff|Personel"}),
    ("has_rnd", Question.Kind.YES_NO, False, {}),
    ("follow_up", Question.Kind.DATE, False, {}),
    ("notes", Question.Kind.TEXT, False, {}),
]


def questionnaire_version(program, *, publish=True, number=1, questionnaire=None):
    """A questionnaire version with two sections and one question of every type."""
    questionnaire = questionnaire or Questionnaire.objects.create(program=program,
                                                                  name="Ziyaret anketi")
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=number)
    first = Section.objects.create(version=version, order=1, title="Olgunluk")
    second = Section.objects.create(version=version, order=2, title="Diğer")
    for order, (code, kind, required, extra) in enumerate(QUESTION_SPECS, start=1):
        Question.objects.create(section=first if order <= 2 else second, order=order,
                                code=code, text=f"Soru {code}", kind=kind,
                                required=required, **extra)
    if publish:
        version.publish()
    return version


# --- roadmap ---
from tracker.models import (  # noqa: E402
    Action,
    Goal,
    Indicator,
    IndicatorValue,
    Pillar,
    PlanVersion,
    ReportingPeriod,
    Task,
)


class PlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanVersion
        rename = {"title": "title_tr"}

    program = factory.SubFactory(ProgramFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Eylem Planı"
    title_en = factory.LazyAttribute(lambda plan: plan.title)


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar

    plan = factory.SubFactory(PlanVersionFactory)
    order = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"P{n + 1}")
    name_tr = "Verimlilik"
    name_en = "Productivity"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal
        rename = {"title": "title_tr"}

    pillar = factory.SubFactory(PillarFactory)
    order = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"G{n + 1}")
    title = factory.Sequence(lambda n: f"Goal {n}")
    title_en = factory.LazyAttribute(lambda goal: goal.title)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        rename = {"title": "title_tr", "description": "description_tr"}

    goal = factory.SubFactory(GoalFactory)
    code = factory.Sequence(lambda n: f"A{n + 1}")
    title = factory.Sequence(lambda n: f"Action {n}")
    title_en = factory.LazyAttribute(lambda action: action.title)
    description = ""
    description_en = factory.LazyAttribute(lambda action: action.description)
    lead = factory.SubFactory(
        InstitutionFactory, program=factory.SelfAttribute("..goal.pillar.plan.program")
    )
    start_date = datetime.date(2026, 10, 1)
    end_date = datetime.date(2027, 6, 30)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True
        rename = {"title": "title_tr"}

    action = factory.SubFactory(ActionFactory)
    title = factory.Sequence(lambda n: f"Task {n}")
    title_en = factory.LazyAttribute(lambda task: task.title)
    assigned_institution = factory.SelfAttribute("action.lead")
    due_date = datetime.date(2026, 12, 31)

    @factory.post_generation
    def history(task, create, extracted, **kwargs):
        """A task made in a state other than its initial one gets the event that dates
        that state (at its creation), as the services would have recorded."""
        if create and (task.status, task.percent_complete) != (Task.Status.TO_DO, 0):
            task.record_event(by=None, at=task.created_at)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        rename = {"unit": "unit_tr", "baseline_source": "baseline_source_tr"}

    program = factory.SubFactory(ProgramFactory)
    code = factory.Sequence(lambda n: f"I{n + 1}")
    name_tr = "İhracat"
    name_en = "Exports"
    unit = "milyon USD"
    unit_en = "million USD"
    baseline_source = ""
    baseline_source_en = factory.LazyAttribute(lambda indicator: indicator.baseline_source)
    baseline_value = 3751
    baseline_year = 2024


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    program = factory.SubFactory(ProgramFactory)
    label = factory.Sequence(lambda n: str(2025 + n))
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.SubFactory(
        ReportingPeriodFactory, program=factory.SelfAttribute("..indicator.program")
    )
    value = 3900
