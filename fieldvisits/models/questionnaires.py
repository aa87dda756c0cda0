"""Versioned questionnaires: a published version is frozen (``core.freeze``),
edits go to a new draft."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.date_fields import persian_reader
from core.freeze import Freezable
from core.jalali import MESSAGES as JALALI_MESSAGES
from core.jalali import JalaliDateError, looks_solar_hijri, parse_jalali
from core.translation import (
    LANGUAGE_CODES,
    ORIGINAL_LANGUAGE,
    TranslatedText,
    reader_language,
    translated,
)
from tracker.access import FIELD_STUDY_READERS, Role
from tracker.models import Program, programs_for


class QuestionnaireQuerySet(models.QuerySet):
    def for_user(self, user):
        roles = [*FIELD_STUDY_READERS, Role.AGENT]
        return self.filter(program__in=programs_for(user, roles))


class Questionnaire(models.Model):
    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.CASCADE,
                                related_name="questionnaires")
    name = models.CharField(_("name"), max_length=200)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["name"]

    def __str__(self):
        return self.name


class VersionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(questionnaire__in=Questionnaire.objects.for_user(user))

    def published(self):
        return self.filter(status=QuestionnaireVersion.Status.PUBLISHED)

    def current(self, program):
        """The newest published version of ``program``'s questionnaire, which new visits
        start with, or ``None``."""
        return (
            self.published().filter(questionnaire__program=program)
            .order_by("-published_at", "-pk").first()
        )

    def for_visit(self, visit):
        """The version ``visit`` is bound to, else the one it would start with now."""
        if visit.questionnaire_version_id is not None:
            return visit.questionnaire_version
        return self.current(visit.program_id)


class QuestionnaireVersion(Freezable, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    questionnaire = models.ForeignKey(Questionnaire, verbose_name=_("questionnaire"),
                                      on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    OPEN_WHEN_FROZEN = frozenset({"status", "published_at"})

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"],
                                    name="unique_questionnaire_version_number"),
        ]

    def __str__(self):
        return _("%(name)s, version %(number)s (%(status)s)") % {
            "name": self.questionnaire, "number": self.number,
            "status": self.get_status_display(),
        }

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def frozen_message(self):
        if not self.is_published:
            return None
        return gettext(
            "Version %(number)s of the questionnaire is published and cannot be changed; "
            "create a new draft version to edit the questions."
        ) % {"number": self.number}

    def questions(self):
        return Question.objects.filter(section__version=self).order_by(
            "section__order", "order")

    @transaction.atomic
    def publish(self):
        locked = QuestionnaireVersion.objects.select_for_update().get(pk=self.pk)
        locked.ensure_editable()
        if not locked.questions().exists():
            raise ValidationError(gettext("A version without questions cannot be published."))
        self.status = self.Status.PUBLISHED
        self.published_at = timezone.now()
        self.save(update_fields=["status", "published_at"])

    @transaction.atomic
    def new_draft(self):
        """A draft copy of this version with every section and question, to edit freely."""
        number = (self.questionnaire.versions.aggregate(n=models.Max("number"))["n"] or 0) + 1
        draft = QuestionnaireVersion.objects.create(questionnaire=self.questionnaire,
                                                    number=number)
        for section in self.sections.prefetch_related("questions"):
            questions = list(section.questions.all())
            section.pk = None
            section.version = draft
            section.save()
            for question in questions:
                question.pk = None
                question.section = section
            Question.objects.bulk_create(questions)
        return draft


class SectionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(version__in=QuestionnaireVersion.objects.for_user(user))


class Section(Freezable, models.Model):
    version = models.ForeignKey(QuestionnaireVersion, verbose_name=_("version"),
                                on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"))
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=200, blank=True)
    title = translated("title")

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="unique_section_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"

    def freeze_holder(self):
        # Published versions are the record of what was asked; nothing may rewrite them.
        return self.version if self.version_id else None


class QuestionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(section__in=Section.objects.for_user(user))


class Question(Freezable, models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1–5")
        INTEGER = "integer", _("Whole number")
        DECIMAL = "decimal", _("Decimal number")
        PERCENTAGE = "percentage", _("Percentage")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        YES_NO = "yes_no", _("Yes / no")
        TEXT = "text", _("Text")
        DATE = "date", _("Date")

    NUMERIC_KINDS = (Kind.SCALE, Kind.INTEGER, Kind.DECIMAL, Kind.PERCENTAGE)
    CHOICE_KINDS = (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE)

    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE,
                                related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(
        _("code"), max_length=60,
        help_text=_("Stable identifier used in exports and analyses, e.g. capacity_utilisation."),
    )
    text_tr = models.CharField(_("question (Turkish)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    text_fa = models.CharField(_("question (Persian)"), max_length=300, blank=True)
    text = translated("text")
    help_text_tr = models.CharField(_("help text (Turkish)"), max_length=300, blank=True)
    help_text_en = models.CharField(_("help text (English)"), max_length=300, blank=True)
    help_text_fa = models.CharField(_("help text (Persian)"), max_length=300, blank=True)
    help_text = translated("help_text")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    min_value = models.DecimalField(_("minimum"), max_digits=14, decimal_places=2, null=True,
                                    blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=14, decimal_places=2, null=True,
                                    blank=True)
    unit_tr = models.CharField(_("unit (Turkish)"), max_length=30, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=30, blank=True)
    unit_fa = models.CharField(_("unit (Persian)"), max_length=30, blank=True)
    unit = translated("unit")
    choices_tr = models.TextField(
        _("choices (Turkish)"), blank=True,
        help_text=_("Single and multiple choice: one per line, as code|label."),
    )
    choices_en = models.TextField(
        _("choices (English)"), blank=True,
        help_text=_("The same codes as the Turkish choices, one per line, as code|label."),
    )
    choices_fa = models.TextField(
        _("choices (Persian)"), blank=True,
        help_text=_("The same codes as the Turkish choices, one per line, as code|label."),
    )
    choices = translated("choices")

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section", "order"]
        constraints = [
            models.UniqueConstraint(fields=["section", "order"], name="unique_question_order"),
        ]

    def __str__(self):
        return self.text

    def freeze_holder(self):
        return self.section.version if self.section_id else None

    def clean(self):
        super().clean()
        if self.kind in self.CHOICE_KINDS and not self.choice_list():
            raise ValidationError({"choices_tr": _("List at least one choice, as code|label.")})
        codes = {code for code, _label in _choice_pairs(self.choices_tr)}
        for language in LANGUAGE_CODES[1:]:
            unknown = [code for code, _label in _choice_pairs(getattr(self, f"choices_{language}"))
                       if code not in codes]
            if unknown:
                raise ValidationError({f"choices_{language}": _(
                    "“%(code)s” is not a code of the Turkish choices; translate each Turkish "
                    "line as the same code|its label.") % {"code": unknown[0]}})
        if (self.min_value is not None and self.max_value is not None
                and self.min_value > self.max_value):
            raise ValidationError({"max_value": _("The maximum is below the minimum.")})

    def choice_list(self, language=None):
        """``(code, label)`` pairs: the codes of the Turkish choices, each label in the
        reader's language, or the Turkish one marked as a fallback (``core.translation``)."""
        wanted = language or reader_language()
        labels = {code: TranslatedText(label, wanted)
                  for code, label in _choice_pairs(getattr(self, f"choices_{wanted}", ""))}
        return [(code, labels.get(code) or TranslatedText(label, ORIGINAL_LANGUAGE,
                                                        fallback=wanted != ORIGINAL_LANGUAGE))
                for code, label in _choice_pairs(self.choices_tr)]

    def bounds(self):
        if self.kind == self.Kind.SCALE:
            return Decimal(1), Decimal(5)
        if self.kind == self.Kind.PERCENTAGE:
            return Decimal(0), Decimal(100)
        return self.min_value, self.max_value

    def parse(self, raw):
        """Turn what a person typed into the typed value of this question.

        Returns ``None`` for an empty answer and raises ``ValidationError`` with a
        message fit to show next to the field.
        """
        if isinstance(raw, (list, tuple)):
            values = [str(v).strip() for v in raw if str(v).strip()]
        else:
            values = [str(raw).strip()] if raw is not None and str(raw).strip() else []
        if not values:
            return None
        parse = getattr(self, f"_parse_{self.kind}")
        return parse(values)

    def _parse_number(self, text, integral):
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValidationError(_("Enter a number."), code="number")
        if integral and number != number.to_integral_value():
            raise ValidationError(_("Enter a whole number."), code="integer")
        low, high = self.bounds()
        unit = "" if not self.unit else self.unit if self.unit == "%" else f" {self.unit}"
        if low is not None and number < low:
            raise ValidationError(_("Enter %(low)s%(unit)s or more.") % {
                "low": _plain(low), "unit": unit}, code="min")
        if high is not None and number > high:
            raise ValidationError(_("Enter %(high)s%(unit)s or less.") % {
                "high": _plain(high), "unit": unit}, code="max")
        return number

    def _parse_scale(self, values):
        return self._parse_number(values[0], integral=True)

    def _parse_integer(self, values):
        return self._parse_number(values[0], integral=True)

    def _parse_decimal(self, values):
        return self._parse_number(values[0], integral=False)

    def _parse_percentage(self, values):
        return self._parse_number(values[0], integral=False)

    def _parse_single_choice(self, values):
        codes = dict(self.choice_list())
        if len(values) != 1 or values[0] not in codes:
            raise ValidationError(_("Choose one of the listed options."), code="choice")
        return values[0]

    def _parse_multiple_choice(self, values):
        codes = [code for code, _label in self.choice_list()]
        unknown = [v for v in values if v not in codes]
        if unknown:
            raise ValidationError(_("“%(value)s” is not one of the options.") % {
                "value": unknown[0]}, code="choice")
        return [code for code in codes if code in values]

    def _parse_yes_no(self, values):
        mapping = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
        if values[0].lower() not in mapping:
            raise ValidationError(_("Answer yes or no."), code="yes_no")
        return mapping[values[0].lower()]

    def _parse_text(self, values):
        if len(values[0]) > 4000:
            raise ValidationError(_("Keep the answer under 4,000 characters."), code="length")
        return values[0]

    def _parse_date(self, values):
        # A Solar Hijri date as a Persian reader types it (1405/09/15, the site's
        # ReaderDateField rule), in whatever language the answer arrives later (an outbox).
        if looks_solar_hijri(values[0]):
            try:
                return parse_jalali(values[0])
            except JalaliDateError as error:
                raise ValidationError(str(error), code="date") from None
        try:
            return datetime.date.fromisoformat(values[0])
        except ValueError:
            raise ValidationError(date_format_message(), code="date") from None


def date_format_message():
    """What a date answer must look like, for the reader: Solar Hijri for Persian readers
    (who type one), ISO otherwise (the browser's date input sends it)."""
    if persian_reader():
        return str(JALALI_MESSAGES["format"])
    return gettext("Enter a date as YYYY-MM-DD.")


def _choice_pairs(text):
    pairs = []
    for line in (text or "").splitlines():
        if line.strip():
            code, _sep, label = line.partition("|")
            pairs.append((code.strip(), (label or code).strip()))
    return pairs


def _plain(number):
    return format(Decimal(number).normalize(), "f")
