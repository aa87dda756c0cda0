"""A programme built to be attacked: small cells beside big ones in every measure.

Designers needed in sector 31.02 (kitchen furniture): 6 firms of Kocasinan need 24, the
one 31.02 firm of Felahiye needs 1 — the public sector table's 25 minus a focal point's
Kocasinan 24 would give Felahiye away. Machining (25.62) in Melikgazi has a firm that
alone needs 40 CNC operators (the dominance rule); 31.09 in Talas rests on four firms.
Every firm has a desk assessment, an approved visit and findings.
"""

from django.utils import timezone

from fieldvisits.default_questionnaire import load_default_questionnaire
from fieldvisits.dimensions import Dimension
from fieldvisits.models import Finding
from tests.factories import AssessmentFactory, FirmFactory
from tests.fieldvisits.workforce_data import _questions, add_visit

KITCHEN, MACHINING, FURNITURE = "31.02", "25.62", "31.09"
# (district, sector, firms, needs of the firm at index i)
GROUPS = [
    ("Kocasinan", KITCHEN, 6, lambda i: {"designer": 4, "welder": 2}),
    ("Felahiye", KITCHEN, 1, lambda i: {"designer": 1, "welder": 2}),
    ("Kocasinan", MACHINING, 8, lambda i: {"welder": 3, "cnc_operator": 2,
                                           "designer": 1 if i < 5 else 0}),
    ("Melikgazi", MACHINING, 7, lambda i: {"welder": 2, "cnc_operator": 40 if i == 0 else 3}),
    ("Felahiye", MACHINING, 5, lambda i: {"welder": 1, "cnc_operator": 1}),
    ("Melikgazi", FURNITURE, 5, lambda i: {"designer": 2, "welder": 1}),
    ("Talas", FURNITURE, 4, lambda i: {"designer": 3, "turner": 1}),
]
PILLARS = Dimension.values
SEVERITIES = Finding.Severity.values


def build_adversarial(program, agent):
    """Firms, assessments, approved visits, workforce answers and findings in ``program``."""
    version = load_default_questionnaire(program)
    questions = _questions(version)
    number = 0
    for district, sector, count, needs in GROUPS:
        for index in range(count):
            number += 1
            firm = FirmFactory(program=program, district=district, nace_code=sector)
            AssessmentFactory(firm=firm, **{
                dimension: 1 + (number * (position + 2)) % 5
                for position, dimension in enumerate(Dimension.values)})
            visit = add_visit(program, version, questions, agent, district=district,
                              sector=sector, firm=firm,
                              needs={k: v for k, v in needs(index).items() if v})
            for finding in range(1 + number % 3):
                Finding.objects.create(
                    visit=visit, pillar=PILLARS[(number + finding) % len(PILLARS)],
                    severity=SEVERITIES[(number * 3 + finding) % len(SEVERITIES)],
                    text="—", recorded_by=agent, recorded_at=timezone.now())
    return program
