"""A programme whose approved visits report workforce needs in three districts, plus what
must not count (a submitted visit, an older visit of a revisited firm) and a second
programme, for the workforce tests.

CNC operators needed, per district of the first programme (approved visits):
Kocasinan (sector 25.62) 6 firms × 2 or 3, Melikgazi (31.09) 5 firms × 2,
Talas (31.09) 4 firms × 2 — a cell of four firms, hidden under the disclosure rule.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from fieldvisits.default_questionnaire import load_default_questionnaire
from fieldvisits.models import Answer, Question, Visit, VisitEvent
from tests.factories import FirmFactory, InstitutionFactory, VisitFactory, member
from tracker.access import Role
from tracker.models import Institution

KOCASINAN, MELIKGAZI, TALAS = "Kocasinan", "Melikgazi", "Talas"
MACHINING, FURNITURE = "25.62", "31.09"
GROUPS = [(KOCASINAN, MACHINING, 6), (MELIKGAZI, FURNITURE, 5), (TALAS, FURNITURE, 4)]


@dataclass
class WorkforceData:
    program: object
    other_program: object
    iskur: object
    iskur_focal_point: object


def _questions(version):
    return {q.code: q for q in Question.objects.filter(section__version=version)
            .select_related("section")}


def add_visit(program, version, questions, agent, *, district, sector, needs, firm=None,
              status=Visit.Status.APPROVED, days_ago=10):
    firm = firm or FirmFactory(program=program, district=district, nace_code=sector)
    submitted_at = timezone.now() - datetime.timedelta(days=days_ago)
    visit = VisitFactory(program=program, firm=firm, agent=agent, status=status,
                         questionnaire_version=version, submitted_at=submitted_at)
    if status == Visit.Status.APPROVED:
        # Approved that day, as the review would record it: figures read as of a day count it.
        VisitEvent.objects.create(visit=visit, from_status=Visit.Status.SUBMITTED,
                                  to_status=Visit.Status.APPROVED, by=agent, at=submitted_at)
    Answer.objects.bulk_create(
        Answer.build(visit=visit, question=questions[f"workforce_{occupation}"], value=people,
                     by=agent)
        for occupation, people in needs.items())
    return visit


def build_workforce_data(personas, scale=1):
    """The data described above; ``scale`` multiplies the firms of each district."""
    program = personas.program
    version = load_default_questionnaire(program)
    questions = _questions(version)
    agent = personas.agent1
    for district, sector, count in GROUPS:
        size = count if district == TALAS else count * scale
        for index in range(size):
            needs = {"cnc_operator": 2 + (index % 2 if district == KOCASINAN else 0),
                     "welder": 1, "designer": 0}
            add_visit(program, version, questions, agent, district=district, sector=sector,
                      needs=needs)
    # Neither counts: a visit not yet approved, and the earlier visit of a firm visited
    # again (its latest approved visit is the one above).
    add_visit(program, version, questions, agent, district=KOCASINAN, sector=MACHINING,
              needs={"cnc_operator": 40}, status=Visit.Status.SUBMITTED)
    revisited = Visit.objects.filter(program=program, firm__district=KOCASINAN).first().firm
    add_visit(program, version, questions, agent, district=KOCASINAN, sector=MACHINING,
              needs={"cnc_operator": 70}, firm=revisited, days_ago=400)

    other_program = personas.other_program
    other_version = load_default_questionnaire(other_program)
    other_questions = _questions(other_version)
    other_agent = member(other_program, Role.AGENT, "other_agent")
    for _index in range(5 * scale):
        add_visit(other_program, other_version, other_questions, other_agent,
                  district="Develi", sector=MACHINING, needs={"cnc_operator": 4, "turner": 1})

    iskur = InstitutionFactory(program=program, name="İŞKUR Kayseri İl Müdürlüğü",
                               short_name="İŞKUR", kind=Institution.Kind.EMPLOYMENT_AGENCY)
    focal_point = member(program, Role.FOCAL_POINT, "iskur", institution=iskur)
    return WorkforceData(program=program, other_program=other_program, iskur=iskur,
                         iskur_focal_point=focal_point)


def hand_counts(programs, group=None):
    """``{(occupation, group): (people, firms)}`` counted in Python from every answer:
    approved visits, the latest one per firm, positive numbers only."""
    visits = list(Visit.objects.filter(program__in=programs, status=Visit.Status.APPROVED)
                  .select_related("firm"))
    latest = {}
    for visit in visits:
        kept = latest.get(visit.firm_id)
        if kept is None or visit.submitted_at > kept.submitted_at:
            latest[visit.firm_id] = visit
    counts = {}
    answers = Answer.objects.filter(visit__in=latest.values()).select_related(
        "question", "visit__firm")
    for answer in answers:
        if not answer.question.code.startswith("workforce_") or not answer.value_number:
            continue
        if answer.question.code == "workforce_other_occupation":
            continue
        visit, firm = answer.visit, answer.visit.firm
        key_group = {None: None, "district": firm.district, "sector": firm.nace_code,
                     "program": visit.program_id}[group]
        key = (answer.question.code.removeprefix("workforce_"), key_group)
        people, firms = counts.get(key, (0, 0))
        counts[key] = (people + int(answer.value_number), firms + 1)
    return counts
