from types import SimpleNamespace

import pytest
from django.test import override_settings
from django.urls import reverse

from reports.models import Report
from reports.services import request_report
from tests.access import assert_denied, assert_login_required
from tests.conftest import make_personas, make_role_groups
from tests.object_storage import FILESYSTEM, use_local_storage
from tests.reports.conftest import make_report_data
from tests.scoped_data import copied_fixtures, rows_for_scope

pytestmark = pytest.mark.django_db

# Who may download which report: (kind, subject) → users allowed.
ALLOWED = {
    "programme": {"coordinator", "kto", "other_focal_point"},
    "field_study": {"coordinator", "supervisor"},
    "institution_kto": {"coordinator", "kto"},
    "institution_kayso": {"coordinator", "other_focal_point"},
    "firm_feedback": {"coordinator"},
    "firm_feedback_bundle": {"coordinator"},
}


@pytest.fixture(scope="module")
def reports_folder(tmp_path_factory):
    """The module's issued reports' files, which its tests all read."""
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(autouse=True)
def reports_root(settings, reports_folder):
    use_local_storage(settings, "reports", reports_folder)


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker, reports_folder):
    """The personas, the report's rows and one issued report of every kind, built once:
    every test here reads them (what one writes is rolled back after it,
    tests/scoped_data.py)."""
    from django.conf import settings

    def build():
        groups = make_role_groups()
        personas = make_personas()
        report_data = make_report_data(personas)
        storages = {**settings.STORAGES, "reports": {
            "BACKEND": FILESYSTEM,
            "OPTIONS": {"location": str(reports_folder), "base_url": None}}}
        with override_settings(STORAGES=storages):
            reports = issue_reports(report_data, personas)
        return SimpleNamespace(groups=groups, personas=personas, report_data=report_data,
                               reports=reports)

    with rows_for_scope(django_db_blocker, build) as rows:
        yield rows


globals().update(copied_fixtures(role_groups="groups", personas="personas",
                                 report_data="report_data", reports="reports"))


def issue_reports(report_data, personas):
    def issue(kind, **kwargs):
        return request_report(program=report_data.program, kind=kind,
                              period=report_data.locked_period, by=personas.coordinator,
                              **kwargs)
    return {
        "programme": issue(Report.Kind.PROGRAMME),
        "field_study": issue(Report.Kind.FIELD_STUDY),
        "institution_kto": issue(Report.Kind.INSTITUTION, institution=personas.kto),
        "institution_kayso": issue(Report.Kind.INSTITUTION,
                                   institution=personas.other_institution),
        "firm_feedback": issue(Report.Kind.FIRM_FEEDBACK, firm=report_data.visited_firms[0]),
        "firm_feedback_bundle": issue(Report.Kind.FIRM_FEEDBACK_BUNDLE),
    }


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_each_role_downloads_exactly_the_reports_it_may_read(name, reports, personas, client):
    report = reports[name]
    assert report.status == Report.Status.DONE, report.error
    url = reverse("reports:download", args=[report.pk])
    for username, user in personas.all_users().items():
        client.force_login(user)
        response = client.get(url)
        expected = 200 if username in ALLOWED[name] else 404
        assert response.status_code == expected, f"{username} → {name}"
        if expected == 200:
            assert response["Content-Type"] == report.content_type


def test_focal_point_cannot_fetch_another_institutions_report_by_url(reports, personas, client):
    other = reports["institution_kayso"]
    client.force_login(personas.focal_point)
    assert client.get(reverse("reports:download", args=[other.pk])).status_code == 404
    assert client.get(reverse("reports_admin:detail", args=[other.pk])).status_code == 404


def test_anonymous_is_sent_to_log_in_for_a_download(reports, client):
    assert_login_required(client, reverse("reports:download", args=[reports["programme"].pk]))


def test_unpublished_report_has_no_public_download(reports, client):
    url = reverse("reports:public_download", args=[reports["programme"].pk])
    assert client.get(url).status_code == 404


def test_published_report_downloads_for_anyone(reports, personas, client):
    report = reports["programme"]
    report.publish(by=personas.coordinator)
    response = client.get(reverse("reports:public_download", args=[report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_feedback_report_cannot_be_published(reports, personas):
    with pytest.raises(Exception, match="Only programme and field study"):
        reports["firm_feedback"].publish(by=personas.coordinator)


def test_focal_point_cannot_publish(reports, personas):
    with pytest.raises(Exception, match="Only a coordinator"):
        reports["programme"].publish(by=personas.focal_point)
    assert not Report.objects.get(pk=reports["programme"].pk).is_published


def test_published_reports_lists_only_published_ones(reports, personas, report_data):
    from reports.public import published_reports

    reports["field_study"].publish(by=personas.coordinator)
    listed = published_reports(report_data.program)
    assert [entry["url"] for entry in listed] == [
        reverse("reports:public_download", args=[reports["field_study"].pk])]
    assert listed[0]["size"] == reports["field_study"].size


@pytest.mark.parametrize("username", ["coordinator", "supervisor", "kto"])
def test_report_list_opens_for_report_readers(username, reports, personas, client):
    client.force_login(personas.all_users()[username])
    response = client.get(reverse("reports_admin:index"))
    assert response.status_code == 200
    shown = {report.pk for report in response.context["reports"]}
    assert shown == {reports[name].pk for name, users in ALLOWED.items() if username in users}


@pytest.mark.parametrize("username", ["agent1", "editor"])
def test_report_list_is_denied_to_other_roles(username, reports, personas, client):
    assert_denied(client, personas.all_users()[username], reverse("reports_admin:index"))


def test_only_a_coordinator_opens_the_issue_form(reports, personas, client):
    client.force_login(personas.coordinator)
    assert client.get(reverse("reports_admin:issue")).status_code == 200
    assert_denied(client, personas.focal_point, reverse("reports_admin:issue"))


def test_focal_point_cannot_request_a_report(report_data, personas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        request_report(program=report_data.program, kind=Report.Kind.INSTITUTION,
                       period=report_data.locked_period, by=personas.focal_point,
                       institution=personas.kto)
