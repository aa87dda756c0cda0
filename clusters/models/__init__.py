from clusters.models.clusters import (
    FUNNEL_STAGES,
    STAGE_ORDER,
    CentreStaff,
    Cluster,
    ClusterEvent,
    ClusterInformationCentre,
    ClusterMember,
    guard_member_programme,
    validate_nace_codes,
)
from clusters.models.consultation import ConsultationMeeting, MeetingAttendee, Opinion
from clusters.models.scoring import (
    DEFAULT_PROPOSED_COUNT,
    DEFAULT_WEIGHTS,
    CriteriaWeights,
    Criterion,
    CriterionScore,
)
from clusters.models.support import FinancingApplication, FinancingEvent, SupportDelivery

__all__ = [
    "DEFAULT_PROPOSED_COUNT", "DEFAULT_WEIGHTS", "FUNNEL_STAGES", "STAGE_ORDER", "CentreStaff",
    "Cluster", "ClusterEvent", "ClusterInformationCentre", "ClusterMember",
    "ConsultationMeeting", "CriteriaWeights", "Criterion", "CriterionScore",
    "FinancingApplication", "FinancingEvent", "MeetingAttendee", "Opinion",
    "SupportDelivery", "guard_member_programme", "validate_nace_codes",
]
