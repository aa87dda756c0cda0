"""A locked reporting period refuses every change to its values, naming who locked it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import IndicatorFactory, IndicatorValueFactory, ReportingPeriodFactory
from tracker.models import IndicatorValue


@pytest.fixture
def value(personas):
    personas.coordinator.first_name, personas.coordinator.last_name = "Zeynep", "Kaya"
    personas.coordinator.save()
    indicator = IndicatorFactory(program=personas.program, code="EXP")
    period = ReportingPeriodFactory(program=personas.program, label="2026")
    return IndicatorValueFactory(indicator=indicator, period=period, value=3900)


def test_a_coordinator_locks_a_period_and_its_values_refuse_edits(personas, value):
    value.period.lock(by=personas.coordinator)
    value.value = 4100
    with pytest.raises(ValidationError) as error:
        value.save()
    assert "The period 2026 was locked by Zeynep Kaya on" in error.value.messages[0]
    assert IndicatorValue.objects.get(pk=value.pk).value == 3900


def test_a_locked_period_refuses_new_values_and_deletions(personas, value):
    value.period.lock(by=personas.coordinator)
    other = IndicatorFactory(program=personas.program, code="IMP")
    with pytest.raises(ValidationError, match="locked by Zeynep Kaya"):
        IndicatorValue.objects.create(indicator=other, period=value.period, value=1500)
    with pytest.raises(ValidationError, match="locked by Zeynep Kaya"):
        value.delete()
    assert IndicatorValue.objects.count() == 1


def test_moving_a_value_out_of_a_locked_period_is_refused(personas, value):
    value.period.lock(by=personas.coordinator)
    open_period = ReportingPeriodFactory(program=personas.program, label="2027")
    value.period = open_period
    with pytest.raises(ValidationError, match="locked by"):
        value.save()


def test_after_unlocking_the_value_can_be_edited(personas, value):
    value.period.lock(by=personas.coordinator)
    value.period.unlock(by=personas.coordinator)
    value.value = 4100
    value.save()
    assert IndicatorValue.objects.get(pk=value.pk).value == 4100


def test_only_a_coordinator_locks(personas, value):
    with pytest.raises(ValidationError, match="Only a coordinator"):
        value.period.lock(by=personas.supervisor)
    value.period.refresh_from_db()
    assert not value.period.is_locked


def test_the_admin_edit_form_shows_who_locked_the_period(client, personas, value):
    client.force_login(personas.coordinator)
    response = client.post(reverse("reporting_periods:lock", args=[value.period.pk]))
    assert response.status_code == 302
    response = client.post(
        reverse("indicator_values:edit", args=[value.pk]),
        {"indicator": value.indicator.pk, "period": value.period.pk, "value": "4100",
         "source": "TİM", "note": ""}, follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("indicator_values:inspect", args=[value.pk])
    assert "The period 2026 was locked by Zeynep Kaya" in response.content.decode()
    assert IndicatorValue.objects.get(pk=value.pk).value == 3900


def test_a_focal_point_cannot_lock_a_period(client, personas, value):
    client.force_login(personas.focal_point)
    client.post(reverse("reporting_periods:lock", args=[value.period.pk]))
    value.period.refresh_from_db()
    assert not value.period.is_locked
