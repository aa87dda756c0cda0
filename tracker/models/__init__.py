from tracker.models.council import CouncilMeeting, Decision
from tracker.models.history import end_of_day, start_of_day
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
    ProgramPreference,
    ProgramScope,
    has_role,
    institution_ids_for,
    institutions_for,
    is_national_coordinator,
    program_ids_for,
    programs_for,
)
from tracker.models.roadmap import (
    Milestone,
    MilestoneEvent,
    Phase,
    PhaseStatus,
    phases_with_milestone_counts,
)
from tracker.models.tasks import (
    DUE_SOON_DAYS,
    ReminderLog,
    Task,
    TaskEvent,
    TaskUpdate,
)

__all__ = [
    "DUE_SOON_DAYS", "Action", "CouncilMeeting", "Decision", "Goal", "ImportRun", "Indicator",
    "IndicatorTarget", "IndicatorValue", "Institution", "Membership", "Milestone", "MilestoneEvent",
    "Phase",
    "PhaseStatus", "Pillar", "PlanVersion", "Program", "ProgramPreference", "ProgramScope",
    "ReminderLog", "ReportingPeriod", "Task", "TaskEvent", "TaskUpdate", "end_of_day", "has_role",
    "start_of_day",
    "institution_ids_for", "institutions_for", "is_national_coordinator", "program_ids_for",
    "phases_with_milestone_counts", "programs_for",
]
