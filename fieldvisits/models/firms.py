"""The firm registry, its capability inventory, desk assessments and visit selection."""

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.querysets import any_of
from core.translation import translated
from fieldvisits import reference
from fieldvisits.dimensions import PRIORITY_WEIGHTS, Dimension
from fieldvisits.search import fold_turkish, search_terms
from fieldvisits.sectors import nace_label
from fieldvisits.validators import validate_vkn
from tracker.access import FIELD_STUDY_READERS, Role
from tracker.models import Program, program_ids_for, programs_for

NACE_FORM = re.compile(r"^\d{2}\.\d{2}$")
validate_nace_code = RegexValidator(
    NACE_FORM.pattern, _("Enter a NACE Rev.2 class code such as 25.62."), code="nace_format"
)
# A phone number as people write it: digits, spaces, dashes, brackets, a leading +.
validate_phone = RegexValidator(
    r"^\+?[\d ()\-]{7,19}$", _("Enter a phone number such as 0352 311 22 33."),
    code="phone_format",
)
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class FirmQuerySet(models.QuerySet):
    def for_user(self, user):
        """Firms ``user`` may see: the whole programme for coordinators and supervisors,
        only the firms of their own visits for field agents, none for anyone else."""
        readable = program_ids_for(user, FIELD_STUDY_READERS)
        visiting = program_ids_for(user, [Role.AGENT])
        visits = self.model._meta.get_field("visits").related_model.objects
        # An agent's visited firms are read now (one small query, a few dozen ids), so
        # the rule is an OR of the programme and primary key indexes: as a subquery,
        # PostgreSQL matched a supervisor's programme by reading all 163,000 firms.
        visited = sorted(set(visits.filter(agent=user, program__in=visiting).order_by()
                             .values_list("firm", flat=True))) if visiting else []
        return any_of(
            self,
            {"program__in": readable} if readable else None,
            {"pk__in": visited} if visited else None,
        )

    def with_capabilities(self, text):
        """Firms whose capabilities match every word of ``text``, Turkish letters folded.

        A word naming one of the firms' districts narrows to that district instead, so
        "CNC paslanmaz Kocasinan" finds stainless-steel CNC shops in Kocasinan.
        """
        terms = search_terms(text)
        districts = {
            fold_turkish(name): name
            for name in self.order_by().values_list("district", flat=True).distinct()
        }
        queryset = self
        wanted_districts = [districts[term] for term in terms if term in districts]
        if wanted_districts:
            queryset = queryset.filter(district__in=wanted_districts)
        for term in terms:
            if term in districts:
                continue
            queryset = queryset.filter(
                Exists(Capability.objects.filter(firm=OuterRef("pk"), name_folded__contains=term))
                | models.Q(trade_name_folded__contains=term)
            )
        return queryset


class Firm(models.Model):
    # The programme's index is ``firm_of_program`` below (which also holds the firm's id),
    # not the foreign key's own.
    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="firms",
        db_index=False,
    )
    tax_number = models.CharField(
        _("tax number (VKN)"), max_length=10, validators=[validate_vkn],
        help_text=_("Ten digits; the last one is a check digit."),
    )
    trade_name = models.CharField(_("trade name"), max_length=255)
    trade_name_folded = models.CharField(max_length=255, editable=False, default="",
                                         db_index=True)
    nace_code = models.CharField(
        _("sector (NACE Rev.2)"), max_length=5, validators=[validate_nace_code], db_index=True
    )
    district = models.CharField(_("district"), max_length=60, db_index=True)
    industrial_zone = models.CharField(
        _("industrial zone (OSB)"), max_length=120, blank=True,
        help_text=_("Leave empty when the firm is outside an organised industrial zone."),
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True,
        validators=[MinValueValidator(1850), MaxValueValidator(2100)],
    )
    is_exporter = models.BooleanField(_("exporter"), default=False)
    export_value_usd = models.DecimalField(
        _("last year's exports (USD)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    export_market_count = models.PositiveSmallIntegerField(
        _("number of export markets"), null=True, blank=True
    )
    capacity_utilisation_pct = models.PositiveSmallIntegerField(
        _("capacity utilisation %"), null=True, blank=True, validators=PERCENT
    )
    export_share_pct = models.PositiveSmallIntegerField(
        _("exports as % of turnover"), null=True, blank=True, validators=PERCENT
    )
    import_share_pct = models.PositiveSmallIntegerField(
        _("imports as % of turnover"), null=True, blank=True, validators=PERCENT
    )
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, validators=[validate_phone],
        help_text=_("With the area code, such as 0352 311 22 33 or +90 352 311 22 33."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True,
                                   blank=True, validators=[MinValueValidator(-90),
                                                           MaxValueValidator(90)])
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True,
                                    blank=True, validators=[MinValueValidator(-180),
                                                            MaxValueValidator(180)])
    consents_to_contact = models.BooleanField(_("consents to be contacted"), default=False)

    objects = FirmQuerySet.as_manager()

    class Meta:
        verbose_name = _("firm")
        verbose_name_plural = _("firms")
        ordering = ["trade_name"]
        # A programme's firm ids (the capabilities of its export, the firms of a rule's
        # subquery) come from the index alone: read from the table, whose rows of one
        # programme lie among every other's, PostgreSQL priced them high enough to start a
        # parallel worker, which on a busy server costs more than the read itself.
        indexes = [models.Index(fields=["program", "id"], name="firm_of_program")]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "tax_number"],
                name="unique_firm_tax_number_per_program",
                violation_error_message=_("A firm with this tax number is already registered "
                                          "in this programme."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity_utilisation_pct__lte=100)
                & models.Q(export_share_pct__lte=100) & models.Q(import_share_pct__lte=100),
                name="firm_percentages_at_most_100",
            ),
        ]

    def __str__(self):
        return self.trade_name

    def save(self, *args, **kwargs):
        # The folded copy is what searches compare against; keep it in step with the name.
        self.trade_name_folded = fold_turkish(self.trade_name)
        super().save(*args, **kwargs)

    def clean(self):
        """Reference data: a listed NACE Rev. 2 class, a district of the programme's
        province, a plausible founding year and head count (``fieldvisits.reference``)."""
        errors = {}
        if self.nace_code and NACE_FORM.match(self.nace_code):
            errors["nace_code"] = reference.nace_error(self.nace_code)
        if self.district and self.program_id:
            errors["district"] = reference.district_error(self.district, self.program.province)
        errors["founding_year"] = reference.founding_year_error(self.founding_year)
        errors["employees"] = reference.employees_error(self.employees)
        errors = {name: message for name, message in errors.items() if message}
        if errors:
            raise ValidationError(errors)

    @property
    def sector_label(self):
        return nace_label(self.nace_code)

    @property
    def phone_uri(self):
        """``tel:`` address of the phone number (digits and a leading +)."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        return f"tel:{digits}" if digits else ""

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def geo_uri(self):
        """RFC 5870 ``geo:`` address: phones open it in their own map app."""
        return f"geo:{self.latitude},{self.longitude}" if self.has_location else ""

    @property
    def map_url(self):
        """OpenStreetMap at the firm (a link; the app itself loads no map tiles)."""
        if not self.has_location:
            return ""
        return (f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}")


class FirmChildQuerySet(models.QuerySet):
    """Rows hanging off a firm: visible exactly when the firm is."""

    def for_user(self, user):
        return self.filter(firm__in=Firm.objects.for_user(user))


class FirmReviewQuerySet(models.QuerySet):
    """The programme office's judgements on a firm (desk scores, selection): readers of the
    whole field study only, never an agent through the firm of their own visit."""

    def for_user(self, user):
        return self.filter(firm__program__in=programs_for(user, FIELD_STUDY_READERS))


class Capability(models.Model):
    """One entry of the industrial inventory: what a firm makes, works with or holds."""

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        MATERIAL = "material", _("Material")
        PROCESS = "process", _("Process")
        CERTIFICATION = "certification", _("Certification")

    # The firm's index is ``capability_of_firm`` below (which covers the columns an export
    # reads), not the foreign key's own.
    firm = models.ForeignKey(Firm, verbose_name=_("firm"), on_delete=models.CASCADE,
                             related_name="capabilities", db_index=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_tr = models.CharField(_("name (Turkish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=120, blank=True)
    name = translated("name")
    name_folded = models.CharField(max_length=120, editable=False, db_index=True)

    objects = FirmChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["firm", "kind", "name_tr"]
        constraints = [
            models.UniqueConstraint(fields=["firm", "kind", "name_folded"],
                                    name="unique_capability_per_firm"),
        ]
        # A programme's export reads its firms' capabilities (the firm, kind and names) one
        # firm at a time: with every column it reads in the index, each firm costs one index
        # probe and no table read, so a programme of 2,150 firms among 160,000 is read as
        # fast as the table of a single programme.
        indexes = [models.Index(fields=["firm", "kind", "name_folded", "name_tr"],
                                name="capability_of_firm")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"

    def save(self, *args, **kwargs):
        self.name_folded = fold_turkish(self.name_tr)
        super().save(*args, **kwargs)


def priority_score(scores):
    """Priority of a firm for an on-site visit, 0–100: its weighted room to grow.

    ``scores`` maps each :class:`Dimension` to a maturity score 1–5; a firm at 1
    everywhere scores 100, a firm at 5 everywhere scores 0.
    """
    total_weight = sum(PRIORITY_WEIGHTS.values())
    gap = sum(PRIORITY_WEIGHTS[dim] * (5 - scores[dim]) for dim in Dimension)
    return (Decimal(gap) * 100 / (4 * total_weight)).quantize(Decimal("0.1"))


class Assessment(models.Model):
    """The desk assessment of a firm, before any visit."""

    firm = models.OneToOneField(Firm, verbose_name=_("firm"), on_delete=models.PROTECT,
                                related_name="assessment")
    # The firm's programme, copied on save: the programme's figures filter assessments by
    # it through an index, instead of joining every programme's assessments to the firms.
    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.PROTECT,
                                editable=False, related_name="+")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assessor"),
                                 on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("date"))
    productivity = models.PositiveSmallIntegerField(_("productivity"), validators=SCORE)
    digitalisation = models.PositiveSmallIntegerField(_("digitalisation"), validators=SCORE)
    green = models.PositiveSmallIntegerField(_("green transformation"), validators=SCORE)
    rnd = models.PositiveSmallIntegerField(_("R&D and innovation"), validators=SCORE)
    institutionalisation = models.PositiveSmallIntegerField(_("institutionalisation"),
                                                            validators=SCORE)
    export_readiness = models.PositiveSmallIntegerField(_("export readiness"), validators=SCORE)
    clustering = models.PositiveSmallIntegerField(_("clustering and cooperation"),
                                                  validators=SCORE)
    priority_score = models.DecimalField(
        _("priority score"), max_digits=4, decimal_places=1, editable=False, db_index=True,
        help_text=_("0–100, higher means more room to grow; computed from the scores."),
    )

    objects = FirmReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("desk assessment")
        verbose_name_plural = _("desk assessments")
        ordering = ["-priority_score", "firm"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{dim}__gte": 1 for dim in Dimension.values})
                & models.Q(**{f"{dim}__lte": 5 for dim in Dimension.values}),
                name="assessment_scores_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.firm} · {self.priority_score}"

    def save(self, *args, **kwargs):
        self.priority_score = self.compute_priority()
        self.program_id = self.firm.program_id
        super().save(*args, **kwargs)

    def scores(self):
        return {dim: getattr(self, dim.value) for dim in Dimension}

    def compute_priority(self):
        return priority_score(self.scores())


class SelectionQuotaQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(program__in=programs_for(user, FIELD_STUDY_READERS))


class SelectionQuota(models.Model):
    """At most ``quota`` visits for one sector (NACE division) or one district."""

    class Stratum(models.TextChoices):
        SECTOR = "sector", _("Sector (NACE division)")
        DISTRICT = "district", _("District")

    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.CASCADE,
                                related_name="selection_quotas")
    stratum = models.CharField(_("stratum"), max_length=10, choices=Stratum.choices)
    value = models.CharField(
        _("value"), max_length=60,
        help_text=_("A two-digit NACE division such as 25, or a district name."),
    )
    quota = models.PositiveIntegerField(_("quota"))

    objects = SelectionQuotaQuerySet.as_manager()

    class Meta:
        verbose_name = _("selection quota")
        verbose_name_plural = _("selection quotas")
        ordering = ["stratum", "value"]
        constraints = [
            models.UniqueConstraint(fields=["program", "stratum", "value"],
                                    name="unique_selection_quota"),
        ]

    def __str__(self):
        return f"{self.get_stratum_display()} {self.value}: {self.quota}"


class SelectionDecision(models.Model):
    """Whether a firm is visited, why, and who decided."""

    class Decision(models.TextChoices):
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")
        EXCLUDED = "excluded", _("Excluded")

    firm = models.OneToOneField(Firm, verbose_name=_("firm"), on_delete=models.CASCADE,
                                related_name="selection")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    proposed_decision = models.CharField(_("proposed"), max_length=20, choices=Decision.choices)
    overall_rank = models.PositiveIntegerField(_("overall rank"))
    sector_rank = models.PositiveIntegerField(_("rank in sector"))
    district_rank = models.PositiveIntegerField(_("rank in district"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"))

    objects = FirmReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")
        ordering = ["overall_rank"]
        indexes = [
            # Coverage counts the selected firms, a fraction of all decisions.
            models.Index(fields=["firm"], condition=models.Q(decision="selected"),
                         name="selection_selected_firm_idx"),
        ]

    def __str__(self):
        return f"{self.firm}: {self.get_decision_display()}"

    @property
    def is_override(self):
        return self.decision != self.proposed_decision

    def clean(self):
        if self.is_override and not (self.reason or "").strip():
            raise ValidationError(
                {"reason": _("Say why you override the proposal for this firm.")}
            )
