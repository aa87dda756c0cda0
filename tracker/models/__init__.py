from tracker.models.council import CouncilMeeting, Decision
from tracker.models.imports import ImportRun
from tracker.models.indicators import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ReportingPeriod,
)
from tracker.models.plan import Action, Goal, Pillar, PlanVersion
from tracker.models.programs import (
    Institution,
    Membership,
    Program,
    has_role,
    institutions_for,
    is_national_coordinator,
    programs_for,
)
from tracker.models.roadmap import Milestone, Phase, PhaseStatus
from tracker.models.tasks import DUE_SOON_DAYS, ReminderLog, Task, TaskUpdate

__all__ = [
    "DUE_SOON_DAYS", "Action", "CouncilMeeting", "Decision", "Goal", "ImportRun", "Indicator",
    "IndicatorTarget", "IndicatorValue", "Institution", "Membership", "Milestone", "Phase",
    "PhaseStatus", "Pillar", "PlanVersion", "Program", "ReminderLog", "ReportingPeriod", "Task",
    "TaskUpdate", "has_role", "institutions_for", "is_national_coordinator", "programs_for",
]
