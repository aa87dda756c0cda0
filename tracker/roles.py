"""The Django groups behind each programme role, kept in step with the role table in
``tracker.access`` and with each user's memberships.

Model permissions decide which admin menus and actions a role has; which *rows*
it sees is decided by each model's ``for_user``.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from tracker.access import (
    HAND_GIVEN_ROLES,
    NAMED_ONLY_PERMISSIONS,
    ROLE_GROUP_NAMES,
    ROLE_PERMISSIONS,
)


def _named_only(app_label):
    """The permissions of ``app_label`` that no wildcard entry may carry."""
    codenames = [permission.split(".", 1)[1] for permission in NAMED_ONLY_PERMISSIONS
                 if permission.split(".", 1)[0] == app_label]
    return Q(codename__in=codenames)


def _permission_filter(entry):
    app_label, codename = entry.split(".", 1)
    condition = Q(content_type__app_label=app_label)
    if codename == "*":
        return condition & ~_named_only(app_label)
    if codename.endswith("*"):
        return condition & Q(codename__startswith=codename[:-1]) & ~_named_only(app_label)
    return condition & Q(codename=codename)


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
    no longer hold, so admin rights follow memberships. Editors and national coordinators
    hold no membership; their groups are given by hand and left alone."""
    held = set(user.program_memberships.values_list("role", flat=True))
    groups = {group.name: group for group in Group.objects.filter(
        name__in=ROLE_GROUP_NAMES.values())}
    for role, name in ROLE_GROUP_NAMES.items():
        if role in HAND_GIVEN_ROLES or name not in groups:
            continue
        if role in held:
            user.groups.add(groups[name])
        else:
            user.groups.remove(groups[name])
