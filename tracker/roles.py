"""The Django groups behind each programme role and the model permissions they carry.

Model permissions decide which admin menus and actions a role has; which *rows*
it sees is decided by each model's ``for_user``. Entries are ``app_label.codename``,
``app_label.*`` (every permission of the app) or ``app_label.view_*`` (every view
permission of the app), so later models join a role without a code change here.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from tracker.access import Role

ROLE_GROUP_NAMES = {
    Role.COORDINATOR: "Coordinator",
    Role.SUPERVISOR: "Supervisor",
    Role.AGENT: "Field agent",
    Role.FOCAL_POINT: "Focal point",
    Role.EDITOR: "Editor",
}

ROLE_PERMISSIONS = {
    Role.COORDINATOR: [
        "wagtailadmin.access_admin",
        "tracker.*",
        "fieldvisits.*",
    ],
    Role.SUPERVISOR: [
        "wagtailadmin.access_admin",
        "tracker.view_*",
        "fieldvisits.view_*",
        "fieldvisits.add_visit",
        "fieldvisits.change_visit",
        "fieldvisits.add_finding",
        "fieldvisits.change_finding",
    ],
    Role.AGENT: [],
    Role.FOCAL_POINT: [
        "wagtailadmin.access_admin",
        "tracker.view_program",
        "tracker.view_phase",
        "tracker.view_milestone",
        "tracker.view_stakeholder",
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
    ],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
    ],
}


def _permission_filter(entry):
    app_label, codename = entry.split(".", 1)
    condition = Q(content_type__app_label=app_label)
    if codename == "*":
        return condition
    if codename.endswith("*"):
        return condition & Q(codename__startswith=codename[:-1])
    return condition & Q(codename=codename)


def role_grants(role, permission):
    """True when ``role``'s group carries ``permission`` ("app_label.codename")."""
    app_label, codename = permission.split(".", 1)
    for entry in ROLE_PERMISSIONS[role]:
        entry_app, entry_codename = entry.split(".", 1)
        if entry_app != app_label:
            continue
        if entry_codename == codename or (
            entry_codename.endswith("*") and codename.startswith(entry_codename[:-1])
        ):
            return True
    return False


def permissions_for_role(role):
    entries = ROLE_PERMISSIONS[role]
    if not entries:
        return Permission.objects.none()
    condition = Q()
    for entry in entries:
        condition |= _permission_filter(entry)
    return Permission.objects.filter(condition)


@transaction.atomic
def sync_role_groups():
    """Create one group per role and set its permissions; returns ``{role: group}``."""
    groups = {}
    for role, name in ROLE_GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions_for_role(role))
        groups[role] = group
    return groups


def sync_user_role_groups(user):
    """Put ``user`` in the group of each programme role they hold, and out of those they
    no longer hold, so admin rights follow memberships. Editors hold no membership; their
    group is managed by hand and left alone."""
    held = set(user.program_memberships.values_list("role", flat=True))
    groups = {group.name: group for group in Group.objects.filter(
        name__in=ROLE_GROUP_NAMES.values())}
    for role, name in ROLE_GROUP_NAMES.items():
        if role == Role.EDITOR or name not in groups:
            continue
        if role in held:
            user.groups.add(groups[name])
        else:
            user.groups.remove(groups[name])
