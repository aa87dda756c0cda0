"""Programmes, their institutions and the memberships that give people a role in them.

The row-level visibility rules live here, beside the memberships they read:
``programs_for``, ``institutions_for`` and ``has_role``. Every queryset's ``for_user``
builds on them, so the rules of visibility are written once.
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, Q
from django.utils.translation import gettext_lazy as _

from tracker.access import (
    ALL_ROLES,
    NATIONAL_COORDINATOR,
    PLAN_READERS,
    PORTFOLIO_PERMISSION,
    Role,
    roles_in_force,
)


def _portfolio_grant(user):
    """The portfolio permission held by ``user`` directly or through a group, as a
    subquery: deciding it in the database costs the caller no query of its own."""
    app_label, codename = PORTFOLIO_PERMISSION.split(".", 1)
    return Permission.objects.filter(
        Q(user=user) | Q(group__user=user),
        content_type__app_label=app_label, codename=codename,
    )


def programs_for(user, roles):
    """Programmes in which ``user`` holds one of ``roles``, as a subquery-ready queryset.

    Superusers see every programme; anonymous and inactive users see none. A national
    coordinator sees every programme when ``roles`` includes ``NATIONAL_COORDINATOR``
    (the plan reads) and no write is being checked (see ``tracker.access``).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Program.objects.none()
    if user.is_superuser:
        return Program.objects.all()
    roles = roles_in_force(roles)
    held = Q(memberships__user=user, memberships__role__in=roles)
    if NATIONAL_COORDINATOR not in roles:
        return Program.objects.filter(held).distinct()
    return Program.objects.filter(
        Q(pk__in=Membership.objects.filter(user=user, role__in=roles).values("program"))
        | Exists(_portfolio_grant(user))
    )


def is_national_coordinator(user):
    """True when ``user`` may read every programme's plan side by side."""
    if user is None or not user.is_authenticated:
        return False
    return user.has_perm(PORTFOLIO_PERMISSION)


def institutions_for(user):
    """Institutions for which ``user`` is a focal point, as a queryset."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Institution.objects.none()
    if Role.FOCAL_POINT not in roles_in_force([Role.FOCAL_POINT]):
        return Institution.objects.none()
    return Institution.objects.filter(
        memberships__user=user, memberships__role=Role.FOCAL_POINT
    ).distinct()


def has_role(user, role, program=None):
    """True when ``user`` holds ``role`` (in ``program`` if one is given)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if role == NATIONAL_COORDINATOR:
        return is_national_coordinator(user)
    memberships = user.program_memberships.filter(role=role)
    if program is not None:
        memberships = memberships.filter(program=program)
    return memberships.exists()


class ProgramQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(pk__in=programs_for(user, ALL_ROLES).values("pk"))


class Program(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    province = models.CharField(_("province"), max_length=100)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    description = models.TextField(_("description"), blank=True)
    target_firms_assessed = models.PositiveIntegerField(
        _("target: firms assessed"), default=2000
    )
    target_visits = models.PositiveIntegerField(_("target: on-site visits"), default=450)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "name"]
        permissions = [("view_portfolio", _("Can compare every programme (national portfolio)"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="program_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The programme cannot end before it starts.")})


class InstitutionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(program__in=programs_for(user, PLAN_READERS))


class Institution(models.Model):
    class Kind(models.TextChoices):
        GOVERNORSHIP = "governorship", _("Governorship")
        CHAMBER = "chamber", _("Chamber")
        MINISTRY = "ministry", _("Ministry")
        MUNICIPALITY = "municipality", _("Municipality")
        EXCHANGE = "exchange", _("Commodity exchange")
        UNIVERSITY = "university", _("University")
        ASSOCIATION = "association", _("Business association")
        AGENCY = "agency", _("Public agency")
        EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency (İŞKUR)")
        VOCATIONAL_SCHOOL = "vocational_school", _("Vocational school")
        OTHER = "other", _("Other")

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="institutions",
    )
    name = models.CharField(_("institution"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["program", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="unique_institution_name")
        ]

    def __str__(self):
        return self.short_name or self.name


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        """Coordinators manage the memberships of their own programmes only."""
        return self.filter(program__in=programs_for(user, [Role.COORDINATOR]))


class Membership(models.Model):
    """A user's role in a programme; focal points also name their institution."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="program_memberships",
    )
    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="memberships",
    )
    position = models.CharField(
        _("role in the institution"), max_length=120, blank=True,
        help_text=_("For example: secretary general, foreign trade manager."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme membership")
        verbose_name_plural = _("programme memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "program", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.program}"

    def clean(self):
        if self.role == Role.FOCAL_POINT and self.institution_id is None:
            raise ValidationError({"institution": _("A focal point must name an institution.")})
        if self.institution_id and self.institution.program_id != self.program_id:
            raise ValidationError(
                {"institution": _("The institution belongs to another programme.")}
            )
