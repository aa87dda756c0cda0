"""The demo's national coordinator: an account in the national coordinator's group, with
no programme membership (the role reads every programme; see ``tracker.access``)."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tracker.access import NATIONAL_COORDINATOR, ROLE_GROUP_NAMES

USERNAME = "national"


def seed_national_coordinator(*, password=None, username=USERNAME):
    """Create (or find) the national coordinator's demo account and put it in its group;
    the role groups must exist (``tracker.roles.sync_role_groups``). A new account gets
    ``password`` (generated when none is given); an existing one keeps its own unless
    ``password`` is given. Returns ``(user, password set or None)``."""
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": "National", "last_name": "Coordinator",
                  "email": f"{username}@demo.invalid"},
    )
    password_set = None
    if created or password:
        password_set = password or secrets.token_urlsafe(9)
        user.set_password(password_set)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[NATIONAL_COORDINATOR]))
    return user, password_set
