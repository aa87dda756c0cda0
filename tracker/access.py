"""Who may do what: the programme roles, the permissions their groups carry, and the
narrowing of reads to writable rows while a write is checked.

This module imports no model. The row-level rules built on it (``programs_for``,
``institutions_for``, ``has_role``) live beside the membership model in
``tracker.models.programs``, and every queryset's ``for_user`` goes through them.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    COORDINATOR = "coordinator", _("Programme coordinator")
    SUPERVISOR = "supervisor", _("Field supervisor")
    AGENT = "agent", _("Field agent")
    FOCAL_POINT = "focal_point", _("Stakeholder focal point")
    EDITOR = "editor", _("Communications editor")


# The ministry's national coordinator compares every programme side by side. The role
# holds no membership (memberships are per programme): it comes with its group, whose
# named permission ``PORTFOLIO_PERMISSION`` opens every programme to the reads whose role
# list includes ``NATIONAL_COORDINATOR``: the plan (phases, milestones, institutions,
# council, action plan, tasks, indicators), never the field study's firm-level data. Its
# group carries view permissions only, so ``roles_in_force`` drops it from every write.
NATIONAL_COORDINATOR = "national_coordinator"
NATIONAL_COORDINATOR_LABEL = _("National coordinator")
PORTFOLIO_PERMISSION = "tracker.view_portfolio"
# Permissions that reach beyond one programme are granted by name only: no wildcard of a
# programme role ("tracker.*", "tracker.view_*") carries them.
NAMED_ONLY_PERMISSIONS = frozenset({PORTFOLIO_PERMISSION})

# Roles that read the programme's plan: phases, milestones, institutions, indicators.
PLAN_READERS = (Role.COORDINATOR, Role.SUPERVISOR, Role.FOCAL_POINT, NATIONAL_COORDINATOR)
# Roles that read the whole action plan of a programme (plan versions, actions, tasks);
# the programme's coordinator and supervisor also steer it.
PLAN_MANAGERS = (Role.COORDINATOR, Role.SUPERVISOR, NATIONAL_COORDINATOR)
# Roles that read firm-level field-study data of the whole programme.
FIELD_STUDY_READERS = (Role.COORDINATOR, Role.SUPERVISOR)
# Every role, for "may this user see the programme at all".
ALL_ROLES = (*Role, NATIONAL_COORDINATOR)

ROLE_GROUP_NAMES = {
    Role.COORDINATOR: "Coordinator",
    Role.SUPERVISOR: "Supervisor",
    Role.AGENT: "Field agent",
    Role.FOCAL_POINT: "Focal point",
    Role.EDITOR: "Editor",
    NATIONAL_COORDINATOR: "National coordinator",
}
# Groups given by hand, not derived from programme memberships.
HAND_GIVEN_ROLES = (Role.EDITOR, NATIONAL_COORDINATOR)

# Model permissions of each role's group. Entries are ``app_label.codename``,
# ``app_label.*`` (every permission of the app) or ``app_label.view_*`` (every view
# permission of the app), so later models join a role without a code change here.
ROLE_PERMISSIONS = {
    Role.COORDINATOR: [
        "wagtailadmin.access_admin",
        "tracker.*",
        "fieldvisits.*",
        "reports.*",
        "clusters.*",
        "directory.*",
        # The zones and careers: every read; writes named, so the CV access log and the
        # workflow's events are never written by hand.
        "zones.view_*",
        "zones.add_zone",
        "zones.change_zone",
        "zones.add_zonefirm",
        "zones.change_zonefirm",
        "zones.delete_zonefirm",
        "zones.add_zonemembership",
        "zones.change_zonemembership",
        "zones.delete_zonemembership",
        "zones.add_vacancy",
        "zones.change_vacancy",
        "zones.add_candidacy",
        "zones.change_candidacy",
        "zones.change_jobseeker",
        "zones.add_consenttext",
    ],
    Role.SUPERVISOR: [
        "wagtailadmin.access_admin",
        "tracker.view_*",
        "fieldvisits.view_*",
        "fieldvisits.add_visit",
        "fieldvisits.change_visit",
        "fieldvisits.add_finding",
        "fieldvisits.change_finding",
        # Which reports: ``Report.objects.for_user`` (the field study report).
        "reports.view_report",
        "clusters.view_*",
        "directory.view_*",
        "zones.view_*",
    ],
    Role.AGENT: [],
    Role.FOCAL_POINT: [
        "wagtailadmin.access_admin",
        "tracker.view_program",
        "tracker.view_phase",
        "tracker.view_milestone",
        "tracker.view_institution",
        "tracker.view_councilmeeting",
        "tracker.view_decision",
        "tracker.view_action",
        "tracker.view_task",
        "tracker.view_taskupdate",
        # Posting an update (which may change the task's status) on its own institution's
        # tasks; the tasks themselves and the plan stay read-only for a focal point.
        "tracker.add_taskupdate",
        "tracker.view_indicator",
        "tracker.view_indicatortarget",
        "tracker.view_indicatorvalue",
        "tracker.view_reportingperiod",
        # Which reports: ``Report.objects.for_user`` (programme and own institution).
        "reports.view_report",
        "clusters.view_*",
    ],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
    ],
    # Reads only: a write checked with ``acting_with`` never counts this role.
    NATIONAL_COORDINATOR: [
        "wagtailadmin.access_admin",
        PORTFOLIO_PERMISSION,
        "tracker.view_program",
        "tracker.view_phase",
        "tracker.view_milestone",
        "tracker.view_institution",
        "tracker.view_councilmeeting",
        "tracker.view_decision",
        "tracker.view_planversion",
        "tracker.view_pillar",
        "tracker.view_goal",
        "tracker.view_action",
        "tracker.view_task",
        "tracker.view_taskupdate",
        "tracker.view_indicator",
        "tracker.view_indicatortarget",
        "tracker.view_indicatorvalue",
        "tracker.view_reportingperiod",
        # The clusters and their stages, not which firms belong to them.
        "clusters.view_cluster",
        "clusters.view_clusterevent",
    ],
}


def role_label(role):
    """The name of ``role`` for a person, the national coordinator's included."""
    return NATIONAL_COORDINATOR_LABEL if role == NATIONAL_COORDINATOR else Role(role).label


def role_grants(role, permission):
    """True when ``role``'s group carries ``permission`` ("app_label.codename")."""
    app_label, codename = permission.split(".", 1)
    for entry in ROLE_PERMISSIONS[role]:
        entry_app, entry_codename = entry.split(".", 1)
        if entry_app != app_label:
            continue
        if entry_codename == codename:
            return True
        if (entry_codename.endswith("*") and codename.startswith(entry_codename[:-1])
                and permission not in NAMED_ONLY_PERMISSIONS):
            return True
    return False


# Model permissions come from role groups and hold in every programme; a user who is
# coordinator in one programme and focal point in another must still write only in the
# first. While a write is checked, ``acting_with`` narrows every ``for_user`` to the roles
# whose group grants that permission.
_acting_permission = ContextVar("acting_permission", default=None)


@contextmanager
def acting_with(permission):
    """Within the block, ``for_user`` counts only roles granting ``permission``
    ("app_label.codename"), so it answers "rows the user may write", not "may read"."""
    token = _acting_permission.set(permission)
    try:
        yield
    finally:
        _acting_permission.reset(token)


def roles_in_force(roles):
    """``roles`` narrowed to those whose group grants the permission being acted with."""
    permission = _acting_permission.get()
    if permission is None:
        return list(roles)
    return [role for role in roles if role_grants(role, permission)]


# A person who works in several programmes (an agency serving two provinces) works in one
# at a time in the admin: the programme they chose in the header, remembered per user.
# While an admin request is served, ``in_program_scope`` holds a resolver of that choice,
# and every ``programs_for`` of the same user narrows to it, so listings, choosers, form
# choices, panels, reports, imports and exports need no code of their own. The resolver is
# lazy: a request that reads no programme data pays no query for it.
_program_scope = ContextVar("program_scope", default=None)


@contextmanager
def in_program_scope(scope):
    """Within the block, ``scope`` (an object with ``user_pk`` and ``program_id``)
    narrows the programmes of that user; ``None`` lifts any narrowing (the national
    portfolio compares every programme whatever the header says)."""
    token = _program_scope.set(scope)
    try:
        yield
    finally:
        _program_scope.reset(token)


def scoped_program_id(user):
    """The programme ``user`` currently works in, or ``None`` for no narrowing."""
    scope = _program_scope.get()
    if scope is None or getattr(user, "pk", None) != scope.user_pk:
        return None
    return scope.program_id


# A page builds several rules (firms, visits, actions, tasks), and each reads the user's
# programme and institution ids. While a request is served, ``remembering_access`` keeps
# what was read, per user and per question (the roles in force, the programme scope), so
# each is read once. A change of memberships, institutions, groups or permissions in the
# same request (an admin saving a membership, a test changing one under the same user
# object) ends the remembering for the rest of that request: the change may still be
# rolled back, so nothing read after it is kept either. What another request changes
# meanwhile is seen by the next request, as a request's reads are one moment's.
_remembered_access = ContextVar("remembered_access", default=None)


class _RememberedAccess:
    def __init__(self):
        self.answers = {}
        self.in_force = True


@contextmanager
def remembering_access():
    """Within the block, ``remembered`` keeps each answer it reads."""
    token = _remembered_access.set(_RememberedAccess())
    try:
        yield
    finally:
        _remembered_access.reset(token)


def remembered(key, read):
    """``read()`` as a list, read once per ``key`` within ``remembering_access``, and each
    time outside it or after ``forget_remembered_access``."""
    memo = _remembered_access.get()
    if memo is None or not memo.in_force:
        return list(read())
    if key not in memo.answers:
        memo.answers[key] = tuple(read())
    return list(memo.answers[key])


def forget_remembered_access(**_signal):
    """Memberships, institutions, groups or permissions changed: nothing read so far is
    served again, and nothing more is kept until the request ends (a signal receiver)."""
    memo = _remembered_access.get()
    if memo is not None:
        memo.answers.clear()
        memo.in_force = False
