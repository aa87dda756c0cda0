from fieldvisits.models.disclosure import DisclosurePattern
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
from fieldvisits.models.versions import FiguresVersion
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
    "Answer", "Assessment", "Capability", "DisclosurePattern", "FiguresVersion", "Finding",
    "Firm", "Question", "Questionnaire", "QuestionnaireVersion", "ReviewComment", "Section",
    "SelectionDecision", "SelectionQuota", "Submission", "Visit", "VisitAttachment", "VisitEvent",
]
