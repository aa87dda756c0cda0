"""Who may see which programme.

Every queryset's ``for_user`` builds on :func:`programs_for`, so the rules of
visibility live here and nowhere else.
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


# Roles that read the programme's plan: phases, milestones, stakeholders.
PLAN_READERS = (Role.COORDINATOR, Role.SUPERVISOR, Role.FOCAL_POINT)
# Roles that read firm-level field-study data of the whole programme.
FIELD_STUDY_READERS = (Role.COORDINATOR, Role.SUPERVISOR)


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


def _roles_in_force(roles):
    permission = _acting_permission.get()
    if permission is None:
        return list(roles)
    from tracker.roles import role_grants

    return [role for role in roles if role_grants(role, permission)]


def programs_for(user, roles):
    """Programmes in which ``user`` holds one of ``roles``, as a subquery-ready queryset.

    Superusers see every programme; anonymous and inactive users see none.
    """
    from tracker.models import Program

    if user is None or not user.is_authenticated or not user.is_active:
        return Program.objects.none()
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(
        memberships__user=user, memberships__role__in=_roles_in_force(roles)
    ).distinct()


def has_role(user, role, program=None):
    """True when ``user`` holds ``role`` (in ``program`` if one is given)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    memberships = user.program_memberships.filter(role=role)
    if program is not None:
        memberships = memberships.filter(program=program)
    return memberships.exists()


# Roles that read and steer the whole action plan of a programme.
PLAN_MANAGERS = (Role.COORDINATOR, Role.SUPERVISOR)


def institutions_for(user):
    """Stakeholder institutions for which ``user`` is a focal point, as a queryset."""
    from tracker.models import Stakeholder

    if user is None or not user.is_authenticated or not user.is_active:
        return Stakeholder.objects.none()
    if Role.FOCAL_POINT not in _roles_in_force([Role.FOCAL_POINT]):
        return Stakeholder.objects.none()
    return Stakeholder.objects.filter(
        memberships__user=user, memberships__role=Role.FOCAL_POINT
    ).distinct()
