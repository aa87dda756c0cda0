from fieldvisits.models.firms import (
    Assessment,
    Capability,
    Firm,
    SelectionDecision,
    SelectionQuota,
)
from fieldvisits.models.questionnaires import (
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)
from fieldvisits.models.visits import (
    Answer,
    Finding,
    ReviewComment,
    Submission,
    Visit,
    VisitAttachment,
    VisitEvent,
)

__all__ = [
    "Answer", "Assessment", "Capability", "Finding", "Firm", "Question",
    "Questionnaire", "QuestionnaireVersion", "ReviewComment", "Section", "SelectionDecision",
    "SelectionQuota", "Submission", "Visit", "VisitAttachment", "VisitEvent",
]
