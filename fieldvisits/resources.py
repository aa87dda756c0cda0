"""Spreadsheet formats of the field study: firms with their capabilities, and desk
assessments. One resource per model serves its import and its export."""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.widgets import Widget

from core.importing.cells import fold, is_blank
from core.importing.resources import ProgramResource, column
from core.importing.widgets import (
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    LookupWidget,
    NumberWidget,
    TextWidget,
)
from fieldvisits.dimensions import Dimension
from fieldvisits.models import Assessment, Capability, Firm
from fieldvisits.search import fold_turkish
from fieldvisits.sectors import NACE_LABELS
from tracker.access import FIELD_STUDY_READERS

_NACE = re.compile(r"^(\d{2})\.?(\d{2})\b")


class TaxNumberWidget(TextWidget):
    """A VKN as typed or as Excel stored it: a number loses its leading zero, so a
    number of fewer than ten digits is padded back."""

    def __init__(self):
        super().__init__(max_length=10, required=True)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and float(value).is_integer():
            return f"{int(value):010d}"
        return super().clean(value, row, **kwargs).replace(" ", "")


class NaceWidget(Widget):
    """A NACE Rev.2 class: "25.62", "2562", "25.62 Metallerin işlenmesi" or its label."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            raise ValueError(_("This column cannot be empty."))
        text = str(value).strip()
        match = _NACE.match(text)
        if match:
            return f"{match.group(1)}.{match.group(2)}"
        wanted = fold(text)
        for code, labels in NACE_LABELS.items():
            if wanted in (fold(labels[0]), fold(labels[1])):
                return code
        raise ValueError(_("Sector “%(value)s”: not a NACE Rev.2 class code (such as 25.62).")
                         % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return value or ""


CAPABILITY_SEPARATOR = " | "
CAPABILITY_KINDS = ChoiceWidget(Capability.Kind)


def parse_capabilities(value):
    """``{(kind, folded name): name}`` from "Ürün: Ofis mobilyası | Süreç: CNC işleme"."""
    if is_blank(value):
        return {}
    found = {}
    for part in re.split(r"[|\n]", str(value)):
        part = part.strip()
        if not part:
            continue
        kind_text, colon, name = part.partition(":")
        if not colon or not name.strip():
            raise ValueError(_("“%(value)s”: write each capability as “Kind: name”, separated "
                               "by “|”, for example “Süreç: CNC işleme”.") % {"value": part})
        name = name.strip()
        if len(name) > 120:
            raise ValueError(_("“%(value)s…” is longer than %(max)d characters.")
                             % {"value": name[:30], "max": 120})
        kind = CAPABILITY_KINDS.clean(kind_text)
        found[(kind, fold_turkish(name))] = name
    return found


CAPABILITY_COLUMNS = ("kind", "name_folded", "name_tr")


def render_capabilities(capabilities):
    """"Ürün: Ofis mobilyası | Süreç: CNC işleme" from ``(kind, folded name, name)``
    triples (``CAPABILITY_COLUMNS``)."""
    # Called for each of thousands of firms in an export: the kinds' order and labels
    # are looked up in dicts, not through ``get_kind_display`` per row.
    order = {kind: index for index, kind in enumerate(Capability.Kind.values)}
    labels = dict(Capability.Kind.choices)
    ordered = sorted(capabilities, key=lambda c: (order[c[0]], c[1]))
    return CAPABILITY_SEPARATOR.join(f"{labels[kind]}: {name}" for kind, _folded, name in ordered)


class FirmResource(ProgramResource):
    """The firm registry of a programme, keyed by tax number (VKN)."""

    tax_number = column("tax_number", TaxNumberWidget())
    trade_name = column("trade_name", TextWidget(max_length=255, required=True))
    nace_code = column("nace_code", NaceWidget())
    district = column("district", TextWidget(max_length=60, required=True))
    industrial_zone = column("industrial_zone", TextWidget(max_length=120))
    employees = column("employees", NumberWidget(minimum=0))
    founding_year = column("founding_year", NumberWidget(minimum=1850, maximum=2100))
    is_exporter = column("is_exporter", BooleanWidget())
    export_value_usd = column("export_value_usd", NumberWidget(places=2, minimum=0))
    export_market_count = column("export_market_count", NumberWidget(minimum=0, maximum=250))
    capacity_utilisation_pct = column("capacity_utilisation_pct",
                                      NumberWidget(minimum=0, maximum=100))
    export_share_pct = column("export_share_pct", NumberWidget(minimum=0, maximum=100))
    import_share_pct = column("import_share_pct", NumberWidget(minimum=0, maximum=100))
    contact_person = column("contact_person", TextWidget(max_length=120))
    address = column("address", TextWidget(max_length=255))
    phone = column("phone", TextWidget(max_length=20))
    latitude = column("latitude", NumberWidget(places=6, minimum=-90, maximum=90))
    longitude = column("longitude", NumberWidget(places=6, minimum=-180, maximum=180))
    consents_to_contact = column("consents_to_contact", BooleanWidget())
    capabilities = column(None, Widget(), label=gettext_lazy("capabilities"))

    key_column = "tax_number"
    aliases = {"tax_number": ["vkn", "vergi no", "vergi numarası", "tax number"],
               "nace_code": ["nace", "sektör", "sector"], "district": ["ilçe"],
               "address": ["adres"], "phone": ["telefon", "tel"],
               "latitude": ["enlem", "lat"], "longitude": ["boylam", "lon", "lng"]}

    class Meta:
        model = Firm
        fields = ("tax_number", "trade_name", "nace_code", "district", "industrial_zone",
                  "employees", "founding_year", "is_exporter", "export_value_usd",
                  "export_market_count", "capacity_utilisation_pct", "export_share_pct",
                  "import_share_pct", "contact_person", "address", "phone", "latitude",
                  "longitude", "consents_to_contact", "capabilities")
        import_id_fields = ("tax_number",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.existing_capabilities = {}

    def required_columns(self):
        return ["trade_name", "nace_code", "district"]

    def program_rows(self):
        return Firm.objects.filter(program=self.program)

    def prepare_export(self, queryset):
        # The exported firms' capabilities in one query over the same rows (a subquery),
        # not a prefetch per chunk binding thousands of firm ids as parameters.
        self.exported_capabilities = {}
        for firm_id, *capability in Capability.objects.filter(
                firm__in=queryset.values("pk")).order_by().values_list(
                "firm_id", *CAPABILITY_COLUMNS):
            self.exported_capabilities.setdefault(firm_id, []).append(capability)
        return queryset

    def init_program(self, instance):
        instance.program = self.program

    def before_import(self, dataset, **kwargs):
        self.existing_capabilities = {}
        if "capabilities" not in (dataset.headers or []):
            return
        numbers = [str(value).strip() for value in dataset["tax_number"] if value]
        for firm_id, kind, folded in Capability.objects.filter(
                firm__program=self.program, firm__tax_number__in=numbers).values_list(
                "firm_id", "kind", "name_folded"):
            self.existing_capabilities.setdefault(firm_id, set()).add((kind, folded))

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "capabilities" in row:
            try:
                instance.imported_capabilities = parse_capabilities(row["capabilities"])
            except ValueError as error:
                errors["capabilities"] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        wanted = getattr(instance, "imported_capabilities", None)
        if wanted is None:
            return True
        return set(wanted) == self.existing_capabilities.get(instance.pk, set())

    def prepare_for_bulk(self, instance):
        instance.trade_name_folded = fold_turkish(instance.trade_name)

    def computed_fields(self):
        return ["trade_name_folded"]

    def after_bulk_write(self, instances, *, created):
        firms = [firm for firm in instances
                 if getattr(firm, "imported_capabilities", None) is not None]
        if not firms:
            return
        existing = {}
        for capability in Capability.objects.filter(firm__in=firms):
            existing[(capability.firm_id, capability.kind, capability.name_folded)] = capability
        wanted = {(firm.pk, kind, folded): name for firm in firms
                  for (kind, folded), name in firm.imported_capabilities.items()}
        stale = [c.pk for key, c in existing.items() if key not in wanted]
        Capability.objects.filter(pk__in=stale).delete()
        Capability.objects.bulk_create([
            Capability(firm_id=firm_id, kind=kind, name=name, name_folded=folded)
            for (firm_id, kind, folded), name in wanted.items() if (firm_id, kind, folded)
            not in existing
        ], batch_size=1000)

    def dehydrate_capabilities(self, firm):
        exported = getattr(self, "exported_capabilities", None)
        if exported is not None:
            return render_capabilities(exported.get(firm.pk, []))
        return render_capabilities(firm.capabilities.values_list(*CAPABILITY_COLUMNS))


def _firm_lookup(resource):
    return LookupWidget(
        rows=lambda: Firm.objects.filter(program=resource.program).only(
            "pk", "tax_number", "trade_name"),
        keys=lambda firm: [firm.tax_number],
        render_key=lambda firm: firm.tax_number,
        not_found=_("VKN %(value)s: no firm with this tax number in the programme; import "
                    "the firm first."),
    )


def _people_lookup(resource, roles):
    return LookupWidget(
        rows=lambda: get_user_model().objects.filter(
            program_memberships__program=resource.program,
            program_memberships__role__in=roles).distinct(),
        keys=lambda user: [user.username, user.email],
        render_key=lambda user: user.username,
        not_found=_("“%(value)s”: no such user in the programme's team (give a user name or "
                    "e-mail)."),
        required=False,
    )


class AssessmentResource(ProgramResource):
    """Desk assessments, one row per firm (by VKN) with its seven scores 1–5."""

    firm = column("firm", Widget(), label=gettext_lazy("tax number (VKN)"))
    trade_name = column("firm__trade_name", TextWidget(), readonly=True,
                        label=gettext_lazy("trade name"))
    assessor = column("assessor", Widget())
    assessed_on = column("assessed_on", DateWidget())
    productivity = column("productivity", NumberWidget(minimum=1, maximum=5, required=True))
    digitalisation = column("digitalisation", NumberWidget(minimum=1, maximum=5, required=True))
    green = column("green", NumberWidget(minimum=1, maximum=5, required=True))
    rnd = column("rnd", NumberWidget(minimum=1, maximum=5, required=True))
    institutionalisation = column("institutionalisation",
                                  NumberWidget(minimum=1, maximum=5, required=True))
    export_readiness = column("export_readiness",
                              NumberWidget(minimum=1, maximum=5, required=True))
    clustering = column("clustering", NumberWidget(minimum=1, maximum=5, required=True))
    priority_score = column("priority_score", NumberWidget(places=1), readonly=True)

    key_column = "firm"
    aliases = {"firm": ["vkn", "vergi no", "tax number", "firma vkn"]}

    class Meta:
        model = Assessment
        fields = ("firm", "trade_name", "assessor", "assessed_on", *Dimension.values,
                  "priority_score")
        import_id_fields = ("firm",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["firm"].widget = _firm_lookup(self)
        self.fields["assessor"].widget = _people_lookup(self, FIELD_STUDY_READERS)

    def required_columns(self):
        return list(Dimension.values)

    def program_rows(self):
        return Assessment.objects.filter(firm__program=self.program)

    def prepare_export(self, queryset):
        return queryset.select_related("firm", "assessor")

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            if instance.assessor_id is None:
                instance.assessor = self.user
            if instance.assessed_on is None:
                instance.assessed_on = timezone.localdate()

    def prepare_for_bulk(self, instance):
        instance.priority_score = instance.compute_priority()
        instance.program_id = instance.firm.program_id

    def computed_fields(self):
        return ["priority_score", "program"]
