"""The field-study demo data: complete, deterministic and safe to load twice."""

import pytest
from django.db.models import Count

from fieldvisits import demo as field_demo
from fieldvisits.demo import seed_field_study
from fieldvisits.models import (
    Answer,
    Assessment,
    Capability,
    Finding,
    Firm,
    QuestionnaireVersion,
    SelectionDecision,
    Visit,
)


def snapshot(program):
    return {
        "firms": Firm.objects.filter(program=program).count(),
        "assessments": Assessment.objects.count(),
        "capabilities": Capability.objects.count(),
        "selected": SelectionDecision.objects.filter(decision="selected").count(),
        "answers": Answer.objects.count(),
        "findings": Finding.objects.count(),
        "tax_numbers": sorted(Firm.objects.values_list("tax_number", flat=True))[:5],
    }


@pytest.mark.django_db
def test_seeding_twice_adds_nothing_and_covers_every_firm(personas, monkeypatch):
    # A tenth of the demo: what is checked here does not depend on its size (the full
    # size is checked in tests/test_seed_demo.py and tests/fieldvisits/test_coverage.py).
    monkeypatch.setattr(field_demo, "FIRMS_PER_SCALE", 215)
    monkeypatch.setattr(field_demo, "VISITS_PER_SCALE", 45)
    agents = [personas.agent1, personas.agent2]
    seed_field_study(personas.program, agents)
    first = snapshot(personas.program)
    seed_field_study(personas.program, agents)
    assert snapshot(personas.program) == first
    assert first["firms"] == first["assessments"] == 215
    assert first["selected"] == 45
    assert first["findings"] > 0
    version = QuestionnaireVersion.objects.get()
    assert version.is_published
    codes = set(version.questions().values_list("code", flat=True))
    assert {"maturity_export_readiness", "capacity_utilisation", "export_share", "import_share",
            "export_markets", "target_markets", "obstacles", "workforce_welder",
            "workforce_cnc_operator", "support_requested", "notes"} <= codes
    answered = Visit.objects.filter(answers__isnull=False).values("status").annotate(
        n=Count("pk", distinct=True))
    assert {row["status"] for row in answered} == {"in_progress", "submitted", "returned",
                                                   "approved"}
    assert not Answer.objects.filter(visit__status="scheduled").exists()
