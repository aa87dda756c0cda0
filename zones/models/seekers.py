"""Job seekers, the consent text they accept (versioned) and the log of who read a CV.

Personal data lives on :class:`JobSeeker` only (and its CV file). Erasure blanks it and
deletes the file; the row stays, anonymous, so registrations and placements still count.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.formats import local_datetime
from tracker.models import Program, programs_for
from zones.models.occupations import Occupation
from zones.models.zones import OFFICE_ROLES, ZoneMembership


def cv_path(_instance, filename):
    # A generated name: the stored path says nothing about the person.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"careers/cv/{uuid.uuid4().hex}.{extension}"


class ConsentTextQuerySet(models.QuerySet):
    def for_user(self, user):
        """The texts are public; the programme office keeps them."""
        return self if programs_for(user, OFFICE_ROLES).exists() else self.none()


class ConsentText(models.Model):
    """One version of the KVKK information and consent text. A version once accepted is
    never edited: a change is a new version, and each job seeker keeps the one accepted."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text_tr = models.TextField(_("text (Turkish)"))
    text_en = models.TextField(_("text (English)"))
    retention_months = models.PositiveSmallIntegerField(
        _("retention after last activity (months)"), validators=[MinValueValidator(1)])
    published_at = models.DateTimeField(_("in force from"), default=timezone.now)

    objects = ConsentTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["-version"]

    def __str__(self):
        return _("Consent text v%(version)s") % {"version": self.version}

    @classmethod
    def current(cls):
        return cls.objects.filter(published_at__lte=timezone.now()).order_by("-version").first()

    @property
    def text(self):
        return self.text_en if (get_language() or "tr").startswith("en") else self.text_tr


class JobSeekerQuerySet(models.QuerySet):
    def for_user(self, user):
        """Job seekers' records are read by the programme office only; zone staff reach a
        candidate through a vacancy of their zone (``zones.queries``), each read logged."""
        return self.filter(program__in=programs_for(user, OFFICE_ROLES), erased_at__isnull=True)

    def active(self):
        return self.filter(erased_at__isnull=True)


class JobSeeker(models.Model):
    class Availability(models.TextChoices):
        NOW = "now", _("Available now")
        MONTH = "month", _("Within a month")
        LATER = "later", _("Later")

    class Education(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        HIGH_SCHOOL = "high_school", _("High school")
        VOCATIONAL = "vocational", _("Vocational high school")
        ASSOCIATE = "associate", _("Associate degree")
        BACHELOR = "bachelor", _("Bachelor's degree")
        POSTGRADUATE = "postgraduate", _("Postgraduate")

    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.PROTECT,
                                related_name="job_seekers")
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    district = models.CharField(_("district"), max_length=60, blank=True, db_index=True)
    education = models.CharField(_("education"), max_length=20, choices=Education.choices,
                                 blank=True)
    experience_years = models.PositiveSmallIntegerField(
        _("years of experience"), default=0, validators=[MaxValueValidator(60)])
    experience = models.TextField(_("experience"), blank=True)
    certificates = models.CharField(
        _("certificates"), max_length=300, blank=True,
        help_text=_("Comma-separated, e.g. “MYK welding, forklift”."))
    availability = models.CharField(_("availability"), max_length=10,
                                    choices=Availability.choices, default=Availability.NOW)
    occupations = models.ManyToManyField(Occupation, verbose_name=_("occupations"),
                                         blank=True, related_name="job_seekers")
    cv_file = models.FileField(_("CV file"), upload_to=cv_path, blank=True)
    wants_notifications = models.BooleanField(
        _("tell me by e-mail when I am proposed to a firm"), default=True)
    consent = models.ForeignKey(ConsentText, verbose_name=_("accepted consent text"),
                                on_delete=models.PROTECT, related_name="job_seekers")
    consented_at = models.DateTimeField(_("consent given"))
    email_verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    last_active_at = models.DateTimeField(_("last active"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded of erasure"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    objects = JobSeekerQuerySet.as_manager()

    class Meta:
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["program", "email"],
                                               name="unique_job_seeker_email")]

    def __str__(self):
        if self.erased_at:
            return _("Erased job seeker #%(pk)s") % {"pk": self.pk}
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def certificate_list(self):
        return [part.strip() for part in self.certificates.split(",") if part.strip()]


class CvAccessQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(job_seeker__program__in=programs_for(user, OFFICE_ROLES))


class CvAccess(models.Model):
    """Who opened a job seeker's CV, when and why."""

    job_seeker = models.ForeignKey(JobSeeker, verbose_name=_("job seeker"),
                                   on_delete=models.CASCADE, related_name="cv_accesses")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                           on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=200)

    objects = CvAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("CV access")
        verbose_name_plural = _("CV accesses")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.by} · {local_datetime(self.at)}"


def is_zone_staff(user):
    return ZoneMembership.objects.filter(user=user).exists()
