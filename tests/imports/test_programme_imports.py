"""Institutions, focal points, milestones and indicator values from spreadsheets."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MilestoneFactory,
    PhaseFactory,
    ReportingPeriodFactory,
    UserFactory,
)
from tests.imports.helpers import csv_file, import_file, messages_of, preview
from tracker.access import Role
from tracker.models import IndicatorValue, Institution, Membership, Milestone
from tracker.resources import (
    FocalPointResource,
    IndicatorValueResource,
    InstitutionResource,
    MilestoneResource,
)


@pytest.mark.django_db
def test_institutions_import_with_kinds_given_by_label(personas):
    rows = [["Institution", "Short name", "Kind", "Website"],
            ["Erciyes Üniversitesi", "ERÜ", "Üniversite", "https://erciyes.edu.tr"],
            ["Kayseri Ticaret Odası", "KTO", "chamber", ""]]
    run = import_file(InstitutionResource, csv_file(rows), program=personas.program,
                      user=personas.coordinator)
    assert (run.new_count, run.updated_count, run.unchanged_count) == (1, 0, 1)
    assert Institution.objects.get(short_name="ERÜ").kind == "university"


@pytest.mark.django_db
def test_an_unknown_institution_kind_is_rejected(personas):
    rows = [["Institution", "Kind"], ["Yeni Kurum", "Dernekçik"]]
    run = preview(InstitutionResource, csv_file(rows), program=personas.program,
                  user=personas.coordinator)
    assert messages_of(run) == [(2, "Kind", "“Dernekçik” is not one of: Governorship, Chamber, "
                                            "Ministry, Municipality, Commodity exchange, "
                                            "University, Business association, Public agency, "
                                            "Employment agency (İŞKUR), Vocational school, "
                                            "Other.")]


@pytest.mark.django_db
def test_a_new_focal_point_gets_an_account_and_an_invitation(
        personas, django_capture_on_commit_callbacks):
    rows = [["E-mail", "First name", "Last name", "Institution", "Role in the institution"],
            ["Ayse.Yilmaz@kto.org.tr", "Ayşe", "Yılmaz", "KTO", "Dış ticaret müdürü"]]
    with django_capture_on_commit_callbacks(execute=True):
        run = import_file(FocalPointResource, csv_file(rows), program=personas.program,
                          user=personas.coordinator)
    membership = Membership.objects.get(user__email="ayse.yilmaz@kto.org.tr")
    user = membership.user
    assert (run.new_count, membership.role, membership.institution) == (
        1, Role.FOCAL_POINT, personas.kto)
    assert (user.first_name, user.has_usable_password()) == ("Ayşe", False)
    assert user.groups.filter(name="Focal point").exists()
    assert [message.to for message in mail.outbox] == [["ayse.yilmaz@kto.org.tr"]]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_preview_of_focal_points_creates_no_account(personas):
    rows = [["E-mail", "Institution"], ["yeni@kto.org.tr", "KTO"]]
    run = preview(FocalPointResource, csv_file(rows), program=personas.program,
                  user=personas.coordinator)
    assert run.new_count == 1
    assert not Membership.objects.filter(user__email="yeni@kto.org.tr").exists()
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "column", "message"), [
    (["ayse@", "KTO"], "E-mail", "“ayse@” is not an e-mail address."),
    (["ayse@kto.org.tr", "TOBB"], "Institution",
     "“TOBB”: no institution of the programme has this name or short name."),
])
def test_a_bad_focal_point_row_is_rejected(personas, row, column, message):
    run = preview(FocalPointResource, csv_file([["E-mail", "Institution"], row]),
                  program=personas.program, user=personas.coordinator)
    assert messages_of(run) == [(2, column, message)]


@pytest.mark.django_db
def test_an_account_working_in_another_programme_keeps_its_name(personas):
    UserFactory(username="ortak", email="ortak@example.org", first_name="Eski")
    rows = [["E-mail", "First name", "Institution"], ["ortak@example.org", "Yeni", "KTO"]]
    from tests.factories import member

    member(personas.other_program, Role.COORDINATOR, "ortak")
    import_file(FocalPointResource, csv_file(rows), program=personas.program,
                user=personas.coordinator)
    membership = Membership.objects.get(program=personas.program, user__username="ortak")
    assert membership.user.first_name == "Eski"


@pytest.mark.django_db
def test_milestones_import_by_phase_name_or_number(personas):
    phase = PhaseFactory(program=personas.program, order=1, name_tr="Dönüşüm")
    rows = [["Title", "Phase", "Due date", "Done date", "Owner institution", "Weight"],
            ["Saha çalışması", "Dönüşüm", "30.06.2026", "15.06.2026", "KTO", "3"],
            ["Eylem planı", "1", "31.12.2026", "", "", ""]]
    run = import_file(MilestoneResource, csv_file(rows), program=personas.program,
                      user=personas.coordinator)
    field_study = Milestone.objects.get(title_tr="Saha çalışması")
    assert run.new_count == 2
    assert (field_study.phase, field_study.done_date, field_study.owner, field_study.weight) == (
        phase, datetime.date(2026, 6, 15), personas.kto, 3)
    assert Milestone.objects.get(title_tr="Eylem planı").weight == 1


@pytest.mark.django_db
def test_a_milestone_of_an_unknown_phase_is_rejected(personas):
    PhaseFactory(program=personas.program, order=1)
    other = MilestoneFactory(phase=PhaseFactory(program=personas.other_program, order=1,
                                                name_tr="Başka"))
    rows = [["Title", "Phase", "Due date"], [other.title, "Başka", "30.06.2026"]]
    run = preview(MilestoneResource, csv_file(rows), program=personas.program,
                  user=personas.coordinator)
    assert messages_of(run) == [(2, "Phase", "Phase “Başka”: the programme has no phase of "
                                             "this name or number.")]


@pytest.mark.django_db
def test_indicator_values_import_per_period(personas):
    indicator = IndicatorFactory(program=personas.program, code="EXP")
    first = ReportingPeriodFactory(program=personas.program, label="2025")
    second = ReportingPeriodFactory(program=personas.program, label="2026")
    IndicatorValueFactory(indicator=indicator, period=first, value=3800)
    rows = [["Indicator", "Period", "Actual value", "Source"],
            ["EXP", "2025", "3.900,5", "TİM"], ["EXP", "2026", "4100", ""]]
    run = import_file(IndicatorValueResource, csv_file(rows), program=personas.program,
                      user=personas.coordinator)
    assert (run.new_count, run.updated_count) == (1, 1)
    assert IndicatorValue.objects.get(period=first).value == Decimal("3900.50")
    assert IndicatorValue.objects.get(period=second).value == Decimal("4100")


@pytest.mark.django_db
def test_a_value_in_a_locked_period_is_refused(personas):
    indicator = IndicatorFactory(program=personas.program, code="EXP")
    open_period = ReportingPeriodFactory(program=personas.program, label="2026")
    locked = ReportingPeriodFactory(program=personas.program, label="2025",
                                    locked_by=personas.coordinator, locked_at=timezone.now())
    rows = [["Indicator", "Period", "Actual value"], ["EXP", "2026", "1"], ["EXP", "2025", "2"]]
    run = preview(IndicatorValueResource, csv_file(rows), program=personas.program,
                  user=personas.coordinator)
    assert run.rejected_count == 1
    row, column, message = run.errors[0]
    assert (row, column) == (3, "Period")
    assert message.startswith("The period 2025 was locked by coordinator on")
    assert not IndicatorValue.objects.filter(indicator=indicator, period__in=[open_period,
                                                                             locked]).exists()


@pytest.mark.django_db
def test_an_indicator_and_period_twice_in_the_file_is_rejected(personas):
    IndicatorFactory(program=personas.program, code="EXP")
    ReportingPeriodFactory(program=personas.program, label="2026")
    rows = [["Indicator", "Period", "Actual value"], ["EXP", "2026", "1"], ["exp", "2026", "2"]]
    run = preview(IndicatorValueResource, csv_file(rows), program=personas.program,
                  user=personas.coordinator)
    assert messages_of(run) == [(3, "Indicator", "“exp” for “2026” appears twice in the file: "
                                                 "also on row 2.")]
