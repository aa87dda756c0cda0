"""The proposal of firms to visit: priority order, quotas, reasons, overrides."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fieldvisits.dimensions import Dimension
from fieldvisits.models import Assessment, SelectionDecision, SelectionQuota
from fieldvisits.models.firms import priority_score
from fieldvisits.services import override_selection, propose_selection
from tests.factories import AssessmentFactory, FirmFactory

D = SelectionDecision.Decision


def assessed(program, name, score, nace="25.62", district="Kocasinan"):
    firm = FirmFactory(program=program, trade_name=name, nace_code=nace, district=district)
    AssessmentFactory(firm=firm, **{dim: score for dim in (
        "productivity", "digitalisation", "green", "rnd", "institutionalisation",
        "export_readiness", "clustering")})
    return firm


def test_priority_is_the_weighted_room_to_grow():
    assert priority_score(dict.fromkeys(Dimension, 1)) == 100
    assert priority_score(dict.fromkeys(Dimension, 5)) == 0
    only_export_weak = dict.fromkeys(Dimension, 5) | {Dimension.EXPORT_READINESS: 1}
    assert str(priority_score(only_export_weak)) == "25.0"


@pytest.mark.django_db
def test_assessment_stores_its_priority_and_refuses_scores_outside_1_to_5(personas):
    firm = assessed(personas.program, "A", 2)
    assert firm.assessment.priority_score == 75
    firm.assessment.green = 6
    with pytest.raises(ValidationError):
        firm.assessment.full_clean()


@pytest.mark.django_db
def test_proposal_takes_the_highest_priorities_within_quotas(personas):
    program = personas.program
    top_metal = [assessed(program, f"Metal {i}", 1) for i in range(3)]
    furniture = assessed(program, "Mobilya", 2, nace="31.09", district="Talas")
    low = assessed(program, "Düşük", 5, nace="31.09", district="Talas")
    SelectionQuota.objects.create(program=program, stratum="sector", value="25", quota=2)
    selected = propose_selection(program=program, total=3, by=personas.coordinator)
    assert selected == 3
    decisions = {d.firm.trade_name: d for d in SelectionDecision.objects.select_related("firm")}
    assert [decisions[f.trade_name].decision for f in top_metal] == [D.SELECTED, D.SELECTED,
                                                                     D.NOT_SELECTED]
    assert "Quota full: sector 25" in decisions["Metal 2"].reason
    assert decisions[furniture.trade_name].decision == D.SELECTED
    assert decisions[low.trade_name].decision == D.NOT_SELECTED
    assert decisions["Mobilya"].reason == (
        "Priority 75.0; rank 4 overall, 1 in sector 31, 1 in Talas.")
    assert decisions["Mobilya"].sector_rank == 1 and decisions["Mobilya"].overall_rank == 4


@pytest.mark.django_db
def test_override_needs_a_reason_and_survives_a_new_proposal(personas):
    program = personas.program
    excluded = assessed(program, "Kapanan", 1)
    assessed(program, "Diğer", 3)
    propose_selection(program=program, total=1, by=personas.coordinator)
    decision = excluded.selection
    with pytest.raises(ValidationError):
        override_selection(decision=decision, new_decision=D.EXCLUDED, reason=" ",
                           by=personas.coordinator)
    override_selection(decision=decision, new_decision=D.EXCLUDED, reason="Firma kapandı",
                       by=personas.coordinator)
    propose_selection(program=program, total=1, by=personas.coordinator)
    decision.refresh_from_db()
    assert (decision.decision, decision.proposed_decision, decision.reason) == (
        D.EXCLUDED, D.SELECTED, "Firma kapandı")
    assert decision.is_override


@pytest.mark.django_db
def test_coordinator_overrides_in_admin_and_the_reason_is_kept(client, personas):
    firm = assessed(personas.program, "Firma", 2)
    propose_selection(program=personas.program, total=1, by=personas.coordinator)
    client.force_login(personas.coordinator)
    url = reverse("selection:edit", args=[firm.selection.pk])
    client.post(url, {"decision": D.NOT_SELECTED, "reason": "Kapasite dolu, 2027'ye ertelendi"})
    firm.selection.refresh_from_db()
    assert firm.selection.decision == D.NOT_SELECTED
    assert firm.selection.reason == "Kapasite dolu, 2027'ye ertelendi"
    assert firm.selection.decided_by == personas.coordinator


@pytest.mark.django_db
def test_coordinator_runs_the_proposal_from_admin(client, personas):
    assessed(personas.program, "Firma", 2)
    client.force_login(personas.coordinator)
    response = client.post(reverse("field_propose_selection"), {"total": "450"}, follow=True)
    assert "1 firms proposed for a visit." in response.content.decode()
    assert SelectionDecision.objects.filter(decision=D.SELECTED).count() == 1
    assert Assessment.objects.count() == 1
