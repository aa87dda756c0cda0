"""Programmes, their institutions and the memberships that give people a role in them.

The row-level visibility rules live here, beside the memberships they read:
``programs_for``, ``institutions_for`` and ``has_role``. Every queryset's ``for_user``
builds on them, so the rules of visibility are written once.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.jalali import solar_year_range
from core.money import Currency
from core.translation import columns, translated
from tracker.access import (
    ALL_ROLES,
    NATIONAL_COORDINATOR,
    PLAN_READERS,
    PORTFOLIO_PERMISSION,
    Role,
    remembered,
    roles_in_force,
    scoped_program_id,
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
    current = scoped_program_id(user)
    programs = Program.objects.all() if current is None else Program.objects.filter(pk=current)
    if user.is_superuser:
        return programs
    roles = roles_in_force(roles)
    held = Q(memberships__user=user, memberships__role__in=roles)
    if NATIONAL_COORDINATOR not in roles:
        return programs.filter(held).distinct()
    return programs.filter(
        Q(pk__in=Membership.objects.filter(user=user, role__in=roles).values("program"))
        | Exists(_portfolio_grant(user))
    )


def program_ids_for(user, roles):
    """The ids of ``programs_for(user, roles)``, read now.

    A rule filtering a large table by ``programme IN (subquery)`` leaves PostgreSQL to
    guess how many programmes the subquery yields, and at 81 programmes it guesses enough
    to read the whole table; given the ids it knows each programme's row count from its
    statistics and reads the programme index.

    A page builds several rules (firms, visits, actions, tasks), each asking for another
    set of roles: the answer is taken from the user's memberships, read once per request
    (``_memberships_of``), narrowed here as ``programs_for`` narrows in SQL. A superuser
    and the national coordinator's plan reads, which need no membership, ask
    ``programs_for`` itself (once per request and question)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    roles = roles_in_force(roles)
    current = scoped_program_id(user)
    if user.is_superuser or NATIONAL_COORDINATOR in roles:
        return sorted(remembered(
            ("programmes", user.pk, user.is_superuser, tuple(roles), current),
            lambda: programs_for(user, roles).values_list("pk", flat=True)))
    return sorted({program for program, role, _institution, _institution_program
                   in _memberships_of(user)
                   if role in roles and current in (None, program)})


def institution_ids_for(user):
    """The ids of ``institutions_for(user)``, read now (see ``program_ids_for``)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if Role.FOCAL_POINT not in roles_in_force([Role.FOCAL_POINT]):
        return []
    current = scoped_program_id(user)
    return sorted({institution for _program, role, institution, institution_program
                   in _memberships_of(user)
                   if role == Role.FOCAL_POINT and institution is not None
                   and current in (None, institution_program)})


def _memberships_of(user):
    """``(programme, role, institution, institution's programme)`` of each membership of
    ``user``: one small query, once per request (``tracker.access.remembered``)."""
    return remembered(("memberships", user.pk), lambda: Membership.objects.filter(
        user=user).order_by().values_list("program_id", "role", "institution_id",
                                          "institution__program_id"))


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
    institutions = Institution.objects.filter(
        memberships__user=user, memberships__role=Role.FOCAL_POINT
    )
    current = scoped_program_id(user)
    if current is not None:
        institutions = institutions.filter(program=current)
    return institutions.distinct()


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
    class Country(models.TextChoices):
        """ISO 3166-1 alpha-2 codes of the countries programmes run in."""

        TR = "TR", _("Türkiye")
        IR = "IR", _("Iran")

    class Calendar(models.TextChoices):
        GREGORIAN = "gregorian", _("Gregorian (1 January – 31 December)")
        SOLAR_HIJRI = "solar_hijri", _("Solar Hijri (1 Farvardin – 29/30 Esfand)")

    name_tr = models.CharField(_("name (Turkish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    name = translated("name")
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    province = models.CharField(_("province"), max_length=100)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.TR,
        help_text=_("Public pages compare the province with the other provinces of this "
                    "country only."))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fa = models.TextField(_("description (Persian)"), blank=True)
    description = translated("description")
    target_firms_assessed = models.PositiveIntegerField(
        _("target: firms assessed"), default=2000
    )
    target_visits = models.PositiveIntegerField(_("target: on-site visits"), default=450)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.TRY,
        help_text=_("Every amount of the programme (support, financing) is in this currency."),
    )
    calendar = models.CharField(
        _("reporting calendar"), max_length=20, choices=Calendar.choices,
        default=Calendar.GREGORIAN,
        help_text=_("The years its reporting periods follow: a Solar Hijri year 1404 runs "
                    "from 21 March 2025 to 20 March 2026."))

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "name_tr"]
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
        if self.pk and self.currency != Program.objects.filter(pk=self.pk).values_list(
                "currency", flat=True).first() and self.has_amounts():
            raise ValidationError({"currency": _(
                "Amounts are already recorded in this programme's currency; changing it would "
                "change what they mean.")})

    def has_amounts(self):
        """True when a support delivery or financing application of the programme has an
        amount (read through the reverse relations, so this floor imports no app above)."""
        return Program.objects.filter(pk=self.pk).filter(
            Q(clusters__support_deliveries__amount__isnull=False)
            | Q(clusters__financing_applications__amount__isnull=False)).exists()

    def year_range(self, year):
        """``(first day, last day)``, Gregorian, of ``year`` in the programme's calendar."""
        if self.calendar == self.Calendar.SOLAR_HIJRI:
            return solar_year_range(year)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


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
    is_primary = models.BooleanField(
        _("primary programme"), default=False,
        help_text=_("The programme the admin opens in for a person with several programmes, "
                    "until they choose another in the header."),
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
        indexes = [models.Index(fields=["user", "program"], name="membership_user_program")]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.program}"

    def clean(self):
        if self.role == Role.FOCAL_POINT and self.institution_id is None:
            raise ValidationError({"institution": _("A focal point must name an institution.")})
        if self.institution_id and self.institution.program_id != self.program_id:
            raise ValidationError(
                {"institution": _("The institution belongs to another programme.")}
            )


class ProgramPreference(models.Model):
    """The programme a person last chose in the admin header. Stored in the database, not
    the session, so every web process of the installation opens the same programme."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        primary_key=True, related_name="program_preference",
    )
    program = models.ForeignKey(
        Program, verbose_name=_("current programme"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="+",
        help_text=_("Empty: every programme (national coordinator)."),
    )

    class Meta:
        verbose_name = _("current programme")
        verbose_name_plural = _("current programmes")

    def __str__(self):
        return f"{self.user} · {self.program or _('All programmes')}"


class ProgramScope:
    """The programme ``user`` works in during one admin request, resolved on first use.

    A person with memberships in several programmes works in the one they chose in the
    header (``ProgramPreference``), else in their primary membership's, else in their first
    one's. The national coordinator (and a superuser) may choose one programme or none
    (every programme, the default). A person with a single programme is never narrowed.
    """

    def __init__(self, user):
        self.user = user
        self.user_pk = user.pk

    @cached_property
    def sees_every_program(self):
        return self.user.is_superuser or is_national_coordinator(self.user)

    @cached_property
    def _memberships(self):
        chosen = ProgramPreference.objects.filter(user=OuterRef("user")).values("program")
        rows = (Membership.objects.filter(user=self.user).order_by("-is_primary", "pk")
                .annotate(chosen=Subquery(chosen[:1])).values_list("program_id", "chosen"))
        return list(rows)

    @cached_property
    def member_program_ids(self):
        return list(dict.fromkeys(program for program, _chosen in self._memberships))

    @cached_property
    def chosen_program_id(self):
        if self._memberships:
            return self._memberships[0][1]
        return (ProgramPreference.objects.filter(user=self.user)
                .values_list("program", flat=True).first())

    @cached_property
    def switchable(self):
        """True when the header offers a choice of programme."""
        return self.sees_every_program or len(self.member_program_ids) > 1

    @cached_property
    def program_id(self):
        if self.sees_every_program:
            return self.chosen_program_id
        if len(self.member_program_ids) <= 1:
            return None
        if self.chosen_program_id in self.member_program_ids:
            return self.chosen_program_id
        return self.member_program_ids[0]

    def choices(self):
        """Programmes offered in the header, by name."""
        programs = Program.objects.order_by("name_tr")
        if not self.sees_every_program:
            programs = programs.filter(pk__in=self.member_program_ids)
        return list(programs.only("pk", *columns("name")))

    def may_choose(self, program_id):
        if program_id is None:
            return self.sees_every_program
        if self.sees_every_program:
            return Program.objects.filter(pk=program_id).exists()
        return program_id in self.member_program_ids

    def choose(self, program_id):
        ProgramPreference.objects.update_or_create(user=self.user,
                                                   defaults={"program_id": program_id})
        for name in ("_memberships", "chosen_program_id", "program_id"):
            self.__dict__.pop(name, None)
