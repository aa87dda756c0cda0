"""A request reads the user's programme and institution ids once for all the rules it
builds (``tracker.access.remembered``), and a change of memberships or groups within the
request, under the same user object, is seen at once: access never widens because of it."""

import itertools
from contextlib import nullcontext

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fieldvisits.models import Firm
from tests.access import national_coordinator
from tests.factories import FirmFactory, InstitutionFactory, TaskFactory, VisitFactory
from tracker.access import (
    ALL_ROLES,
    FIELD_STUDY_READERS,
    NATIONAL_COORDINATOR,
    PLAN_MANAGERS,
    PLAN_READERS,
    ROLE_GROUP_NAMES,
    Role,
    acting_with,
    in_program_scope,
    remembering_access,
)
from tracker.models import (
    Membership,
    Task,
    institution_ids_for,
    institutions_for,
    program_ids_for,
    programs_for,
)


@pytest.mark.django_db
def test_a_request_reads_the_programme_ids_once_for_several_rules(
        personas, django_assert_num_queries):
    with remembering_access():
        program_ids_for(personas.coordinator, PLAN_MANAGERS)
        with django_assert_num_queries(0):
            again = program_ids_for(personas.coordinator, PLAN_MANAGERS)

    assert again == [personas.program.pk]


@pytest.mark.django_db
def test_outside_a_request_every_rule_reads_the_ids_afresh(
        personas, django_assert_num_queries):
    program_ids_for(personas.coordinator, PLAN_MANAGERS)

    with django_assert_num_queries(1):
        program_ids_for(personas.coordinator, PLAN_MANAGERS)


@pytest.mark.django_db
def test_a_membership_given_within_the_request_is_seen_by_the_same_user_object(personas):
    user = personas.coordinator
    FirmFactory(program=personas.program)
    theirs = FirmFactory(program=personas.other_program)
    with remembering_access():
        assert theirs not in Firm.objects.for_user(user)
        Membership.objects.create(user=user, program=personas.other_program,
                                  role=Role.SUPERVISOR)

        assert theirs in Firm.objects.for_user(user)


@pytest.mark.django_db
def test_a_membership_ended_within_the_request_is_no_longer_served(personas):
    user = personas.coordinator
    ours = FirmFactory(program=personas.program)
    with remembering_access():
        assert list(Firm.objects.for_user(user)) == [ours]
        Membership.objects.filter(user=user).delete()

        assert list(Firm.objects.for_user(user)) == []
        assert program_ids_for(user, PLAN_MANAGERS) == []


@pytest.mark.django_db
def test_a_focal_points_institution_changed_within_the_request_is_seen(personas):
    user = personas.focal_point
    theirs = TaskFactory(assigned_institution=personas.kto)
    with remembering_access():
        assert list(Task.objects.for_user(user)) == [theirs]
        membership = Membership.objects.get(user=user)
        membership.institution = personas.other_institution
        membership.save()

        assert institution_ids_for(user) == [personas.other_institution.pk]
        assert list(Task.objects.for_user(user)) == []


@pytest.mark.django_db
def test_a_group_taken_away_within_the_request_ends_the_national_reading(personas):
    user = national_coordinator()
    with remembering_access():
        assert set(program_ids_for(user, PLAN_MANAGERS)) == {
            personas.program.pk, personas.other_program.pk}
        user.groups.remove(Group.objects.get(name=ROLE_GROUP_NAMES[NATIONAL_COORDINATOR]))

        assert program_ids_for(user, PLAN_MANAGERS) == []


@pytest.mark.django_db
def test_a_write_check_is_not_answered_with_what_the_user_may_read(personas):
    user = national_coordinator()
    with remembering_access():
        assert len(program_ids_for(user, PLAN_MANAGERS)) == 2
        with acting_with("tracker.change_task"):
            assert program_ids_for(user, PLAN_MANAGERS) == []


@pytest.mark.django_db
def test_a_membership_rolled_back_within_the_request_is_not_served(personas):
    user = personas.coordinator
    theirs = FirmFactory(program=personas.other_program)
    with remembering_access():
        with pytest.raises(RuntimeError), transaction.atomic():
            Membership.objects.create(user=user, program=personas.other_program,
                                      role=Role.COORDINATOR)
            assert theirs in Firm.objects.for_user(user)
            raise RuntimeError("the form failed after the membership was written")

        assert theirs not in Firm.objects.for_user(user)


@pytest.mark.django_db
def test_the_field_bundle_reads_the_agents_memberships_once(
        personas, client, django_assert_num_queries):
    visit = VisitFactory(program=personas.program, agent=personas.agent1,
                         scheduled_date=timezone.localdate())
    client.force_login(personas.agent1)
    # The session, the user, their memberships (whether they may use the field app, and
    # both ways to a visit: a field-study role or a visit of their own), the visits and
    # their questionnaire versions.
    with django_assert_num_queries(5) as captured:
        bundle = client.get(reverse("field:offline_bundle")).json()

    assert [row["id"] for row in bundle["visits"]] == [visit.pk]
    membership_reads = [query for query in captured.captured_queries
                        if 'FROM "tracker_membership"' in query["sql"]]
    assert len(membership_reads) == 1


ROLE_SETS = [FIELD_STUDY_READERS, [Role.AGENT], PLAN_MANAGERS, PLAN_READERS, ALL_ROLES,
             [Role.COORDINATOR]]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "supervisor", "agent1", "focal_point",
                                     "editor", "outsider_coordinator", "superuser",
                                     "both", "national"])
def test_the_ids_are_those_of_the_programme_rule_itself(personas, persona):
    """``program_ids_for`` answers from the memberships what ``programs_for`` answers in
    SQL: for every role set, for a read and a write, with and without a current programme."""
    if persona == "both":
        user = personas.coordinator
        Membership.objects.create(user=user, program=personas.other_program,
                                  role=Role.FOCAL_POINT,
                                  institution=InstitutionFactory(program=personas.other_program))
    elif persona == "national":
        user = national_coordinator()
    else:
        user = getattr(personas, persona)
    scopes = [None, _Scope(user.pk, personas.program.pk), _Scope(user.pk,
                                                                  personas.other_program.pk)]
    for scope, permission, remembering in itertools.product(
            scopes, [None, "tracker.change_task", "fieldvisits.view_firm"], [False, True]):
        with (in_program_scope(scope), acting_with(permission) if permission else nullcontext(),
              remembering_access() if remembering else nullcontext()):
            for roles in ROLE_SETS:
                assert program_ids_for(user, roles) == sorted(
                    programs_for(user, roles).values_list("pk", flat=True)), (scope, roles)
            assert institution_ids_for(user) == sorted(
                institutions_for(user).values_list("pk", flat=True)), scope


class _Scope:
    def __init__(self, user_pk, program_id):
        self.user_pk, self.program_id = user_pk, program_id
