"""The zone staff role: a Django group carrying the zone models' permissions, and the
memberships that say which zone each member keeps (rows: ``zones_for``)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zones.models import ZONE_STAFF_GROUP, ZoneMembership

ZONE_STAFF_LABEL = _("Zone staff")
# What zone staff may do in the admin; which rows, their zone's only.
ZONE_STAFF_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("zones", "view_zone"), ("zones", "change_zone"),
    ("zones", "view_zonefirm"),
    ("zones", "view_vacancy"), ("zones", "add_vacancy"), ("zones", "change_vacancy"),
    ("zones", "view_candidacy"), ("zones", "add_candidacy"), ("zones", "change_candidacy"),
    ("zones", "view_candidacyevent"),
]


def sync_zone_staff_group():
    condition = Q()
    for app_label, codename in ZONE_STAFF_PERMISSIONS:
        condition |= Q(content_type__app_label=app_label, codename=codename)
    group, _created = Group.objects.get_or_create(name=ZONE_STAFF_GROUP)
    group.permissions.set(Permission.objects.filter(condition))
    return group


@transaction.atomic
def add_zone_staff(*, zone, user):
    membership, _created = ZoneMembership.objects.get_or_create(zone=zone, user=user)
    user.groups.add(sync_zone_staff_group())
    return membership
