"""Every /field/ and admin URL of the field study, for every demo role."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fieldvisits.default_questionnaire import load_default_questionnaire
from fieldvisits.models import Answer, Capability, Finding, SelectionDecision, SelectionQuota, Visit
from fieldvisits.services import add_attachment, submit_visit
from tests.access import assert_access, assert_allowed, assert_post_refused
from tests.factories import AssessmentFactory, InstitutionFactory, VisitFactory, member
from tests.fieldvisits.helpers import COMPLETE_ANSWERS
from tracker.access import Role
from tracker.models import Institution

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EVERYONE = {"coordinator", "supervisor", "agent1", "agent2", "kto", "other_focal_point",
            "editor", "outsider_coordinator"}
READERS = {"coordinator", "supervisor"}
FIELD_TEAMS = {"coordinator", "supervisor", "agent1", "agent2", "outsider_coordinator"}


@pytest.fixture
def rows(personas, version, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = VisitFactory(program=personas.program, agent=personas.agent1,
                         status=Visit.Status.SCHEDULED)
    submitted = VisitFactory(program=personas.program, agent=personas.agent1,
                             status=Visit.Status.SCHEDULED)
    submit_visit(visit=submitted, answers=COMPLETE_ANSWERS, submission_uuid=uuid.uuid4(),
                 by=personas.agent1)
    planned = VisitFactory(program=personas.program, status=Visit.Status.PLANNED, agent=None,
                           scheduled_date=None)
    attachment = add_attachment(visit=draft, by=personas.agent1,
                                upload=SimpleUploadedFile("foto.png", PNG))
    assessment = AssessmentFactory(firm=draft.firm, assessor=personas.supervisor)
    return {
        "draft": draft, "submitted": submitted, "planned": planned, "attachment": attachment,
        "assessments": assessment,
        "capabilities": Capability.objects.create(firm=draft.firm, kind="process",
                                                  name="CNC torna"),
        "selection": SelectionDecision.objects.create(
            firm=draft.firm, decision="selected", proposed_decision="selected", overall_rank=1,
            sector_rank=1, district_rank=1, reason="Öncelik 50", decided_by=personas.coordinator,
            decided_at=datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC)),
        "selection_quotas": SelectionQuota.objects.create(program=personas.program,
                                                          stratum="sector", value="31", quota=5),
        "findings": Finding.objects.create(visit=submitted, pillar="green", severity="high",
                                           text="Enerji izlenmiyor.",
                                           recorded_by=personas.supervisor),
        "questionnaires": version.questionnaire,
        "questionnaire_versions": version,
        "questionnaire_sections": version.sections.first(),
        "questions": version.questions().first(),
        "firms": draft.firm,
        "visits": draft,
    }


def field_urls(rows):
    """URL → roles that may open it."""
    return {
        reverse("field:home"): FIELD_TEAMS,
        reverse("field:visit", args=[rows["draft"].pk]): READERS | {"agent1"},
        reverse("field:visit_form", args=[rows["draft"].pk]): {"agent1"},
        reverse("field:attachment", args=[rows["attachment"].pk]): READERS | {"agent1"},
        reverse("field:review_queue"): READERS | {"outsider_coordinator"},
        reverse("field:review", args=[rows["submitted"].pk]): READERS,
        reverse("field:schedule", args=[rows["planned"].pk]): READERS,
    }


@pytest.mark.django_db
def test_field_app_urls_for_every_role(client, personas, rows):
    for url, allowed in field_urls(rows).items():
        assert_access(client, personas, url, allowed)


@pytest.mark.django_db
def test_field_app_posts_are_refused_to_everyone_but_the_right_people(client, personas, rows):
    draft, submitted = rows["draft"], rows["submitted"]
    posts = [
        (reverse("field:submit_json", args=[draft.pk]), {"agent1"}),
        (reverse("field:upload_attachment", args=[draft.pk]), {"agent1"}),
        (reverse("field:close_visit", args=[draft.pk]), READERS | {"agent1"}),
        (reverse("field:add_finding", args=[submitted.pk]), READERS),
        (reverse("field:review", args=[submitted.pk]), READERS),
    ]
    for url, allowed in posts:
        assert_post_refused(client, personas, url, allowed,
                            {"action": "approve", "reason": "x", "text": "x"})
    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert (submitted.status, draft.status) == (Visit.Status.SUBMITTED, Visit.Status.SCHEDULED)
    assert submitted.findings.count() == 1


ADMIN_VIEWSETS = ["firms", "visits", "capabilities", "assessments", "selection",
                  "selection_quotas", "findings", "questionnaires", "questionnaire_versions",
                  "questionnaire_sections", "questions"]


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", ADMIN_VIEWSETS)
def test_admin_listing_export_and_inspect_for_every_role(client, personas, rows, viewset):
    listing = reverse(f"{viewset}:index")
    assert_access(client, personas, listing, READERS | {"outsider_coordinator"})
    assert_access(client, personas, listing + "?export=csv", READERS | {"outsider_coordinator"})
    assert_access(client, personas, reverse(f"{viewset}:inspect", args=[rows[viewset].pk]), READERS)


@pytest.mark.django_db
def test_admin_reports_and_actions_for_every_role(client, personas, rows):
    assert_access(client, personas, reverse("field_coverage_report"),
          READERS | {"outsider_coordinator"})
    assert_access(client, personas, reverse("field_coverage_report") + "?export=xlsx",
          READERS | {"outsider_coordinator"})
    assert_access(client, personas, reverse("field_workforce_report"),
          READERS | {"outsider_coordinator"})
    assert_access(client, personas, reverse("field_workforce_report") + "?export=csv",
          READERS | {"outsider_coordinator"})
    assert_access(client, personas, reverse("field_propose_selection"),
          {"coordinator", "outsider_coordinator"})
    assert_access(client, personas, reverse("field_questionnaire_version_action",
                                    args=[rows["questionnaire_versions"].pk, "new_draft"]),
          {"coordinator"})


@pytest.mark.django_db
def test_outsider_sees_none_of_this_programmes_rows(client, personas, rows):
    client.force_login(personas.outsider_coordinator)
    report = client.get(reverse("field_coverage_report")).content.decode()
    assert personas.program.name not in report
    listing = client.get(reverse("capabilities:index")).content.decode()
    assert "CNC torna" not in listing
    assert client.get(reverse("field:visit", args=[rows["draft"].pk])).status_code == 404


@pytest.mark.django_db
def test_agent2_cannot_find_agent1s_visit_in_the_field_app(client, personas, rows):
    client.force_login(personas.agent2)
    home = client.get(reverse("field:home")).content.decode()
    assert rows["draft"].firm.trade_name not in home
    for url in (reverse("field:visit", args=[rows["draft"].pk]),
                reverse("field:visit_form", args=[rows["draft"].pk]),
                reverse("field:attachment", args=[rows["attachment"].pk])):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_employment_agency_focal_point_reads_the_workforce_report_with_cells_hidden(
        client, personas, rows):
    iskur = InstitutionFactory(program=personas.program, name="İŞKUR Kayseri İl Müdürlüğü",
                               short_name="İŞKUR", kind=Institution.Kind.EMPLOYMENT_AGENCY)
    focal_point = member(personas.program, Role.FOCAL_POINT, "iskur", institution=iskur)
    version = load_default_questionnaire(personas.program)
    cnc = version.questions().get(code="workforce_cnc_operator")
    for _index in range(4):
        visit = VisitFactory(program=personas.program, agent=personas.agent1,
                             status=Visit.Status.APPROVED, questionnaire_version=version)
        Answer.objects.create(visit=visit, question=cnc, value_number=3,
                              answered_by=personas.agent1)
    url = reverse("field_workforce_report")
    cnc_row = next(row for row in assert_allowed(client, focal_point, url)
                   .context["object_list"] if row["occupation"] == "CNC operator")
    assert (cnc_row["people"], cnc_row["firms"]) == (None, None)
    cnc_row = next(row for row in assert_allowed(client, personas.coordinator, url)
                   .context["object_list"] if row["occupation"] == "CNC operator")
    assert (cnc_row["people"], cnc_row["firms"]) == (12, 4)
