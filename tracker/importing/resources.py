"""The base of every importable model's resource: one programme, natural keys, columns
named in Turkish and English, all-or-nothing writes in batches, history for each row."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from import_export import fields, resources
from import_export.instance_loaders import BaseInstanceLoader
from wagtail.models import ModelLogEntry

from tracker.importing.cells import capitalise, fold
from tracker.importing.files import ImportFileError


def column(attribute, widget, *, readonly=False, label=None):
    """A resource field whose column is named after the model field (or ``label``)."""
    field = fields.Field(attribute=attribute, column_name=attribute, widget=widget,
                         readonly=readonly)
    field.label = label
    return field


class ProgramInstanceLoader(BaseInstanceLoader):
    """Loads the existing rows named by one chunk's key column in one query."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        field = resource.fields[resource.key_column]
        keys = set()
        for row in dataset.dict if dataset is not None and dataset.headers else []:
            try:
                key = field.clean(row)
            except (ValueError, KeyError):
                continue
            if key not in (None, ""):
                keys.add(key)
        attribute = field.attribute
        self.field = field
        self.instances = {}
        if keys:
            rows = resource.get_queryset().filter(**{f"{attribute}__in": keys})
            self.instances = {field.get_value(instance): instance for instance in rows}

    def get_instance(self, row):
        try:
            return self.instances.get(self.field.clean(row))
        except (ValueError, KeyError):
            return None


class ProgramResource(resources.ModelResource):
    """Rows of one programme, matched on a natural key (``key_column``), never on ids.

    Subclasses declare their columns with :func:`column`, name the key column and the
    programme's rows (``program_rows``); lookups of related rows stay inside the
    programme, so a file cannot reach another programme's rows.
    """

    key_column = None
    # Extra header spellings accepted on import, per column.
    aliases = {}

    class Meta:
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        use_bulk = True
        batch_size = 1000
        clean_model_instances = True
        instance_loader_class = ProgramInstanceLoader

    def __init__(self, *, program, user):
        super().__init__()
        self.program = program
        self.user = user
        self.first_row_of_key = {}
        self.written = []
        self.row_number = None
        self.chunk_row_numbers = []

    # --- the format: columns and their names --------------------------------------------

    def column_names(self):
        return [name for name in self._meta.fields if self.fields[name].column_name]

    def label(self, name):
        field = self.fields[name]
        if getattr(field, "label", None):
            return capitalise(str(field.label))
        model_field = self._meta.model._meta.get_field(field.attribute.split("__")[0])
        return capitalise(str(model_field.verbose_name))

    def headers(self):
        return [self.label(name) for name in self.column_names()]

    def header_lookup(self):
        lookup = {}
        for name in self.column_names():
            spellings = [name, *self.aliases.get(name, ())]
            for language in ("tr", "en"):
                with override(language):
                    spellings.append(self.label(name))
            for spelling in spellings:
                lookup[fold(spelling)] = name
        return lookup

    def match_columns(self, headers):
        """The column name of each header (``None`` for one this import does not read);
        refuses a file without the key column or with a column twice."""
        lookup = self.header_lookup()
        matched, seen = [], {}
        for header in headers:
            name = lookup.get(fold(header)) if header else None
            if name is not None and name in seen:
                raise ImportFileError(_("The columns “%(first)s” and “%(second)s” are the same "
                                        "column; keep one.") % {"first": seen[name],
                                                                 "second": header})
            if name is not None:
                seen[name] = header
            matched.append(name)
        required = [self.key_column, *self.required_columns()]
        missing = [self.label(name) for name in required if name not in seen]
        if missing:
            raise ImportFileError(_("The file has no column %(columns)s. The first row must "
                                    "name the columns, as an export writes them.")
                                  % {"columns": ", ".join(f"“{m}”" for m in missing)})
        return matched

    def required_columns(self):
        return []

    # --- the programme's rows -----------------------------------------------------------

    def program_rows(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.program_rows()

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        self.init_program(instance)
        return instance

    def init_program(self, instance):
        """Give a new row its programme (directly or through its parent)."""

    # --- per-row checks ----------------------------------------------------------------

    def import_row(self, row, instance_loader, **kwargs):
        # Messages and duplicate checks speak of the spreadsheet's own row numbers.
        self.row_number = self.chunk_row_numbers[kwargs["row_number"] - 1]
        return super().import_row(row, instance_loader, **kwargs)

    def column_of(self, key):
        """The column an error key (a resource field or a model field) belongs to."""
        if key in self.fields:
            return key
        for name, field in self.fields.items():
            if field.attribute and field.attribute.split("__")[0] == key:
                return name
        return None

    def before_import_row(self, row, **kwargs):
        key = row.get(self.key_column)
        folded = fold(key) if key not in (None, "") else None
        if folded is not None:
            first = self.first_row_of_key.setdefault(folded, self.row_number)
            if first != self.row_number:
                raise ValidationError({self.key_column: _(
                    "“%(value)s” appears twice in the file: also on row %(row)s.")
                    % {"value": key, "row": first}})

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            try:
                # Uniqueness is the key column's job (checked across the file above);
                # skipping the per-row unique and constraint queries keeps big files fast.
                instance.full_clean(exclude=list(errors.keys()), validate_unique=False,
                                    validate_constraints=False)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    # --- writes: batches, then history -------------------------------------------------

    def prepare_for_bulk(self, instance):
        """What ``save()`` would compute (a folded name, a score): batches skip ``save``."""

    def before_save_instance(self, instance, row, **kwargs):
        self.prepare_for_bulk(instance)

    def after_bulk_write(self, instances, *, created):
        """Rows hanging off the written ones (a firm's capabilities)."""

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None,
                    result=None):
        if dry_run:
            self.create_instances.clear()
            return
        instances = list(self.create_instances)
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)
        self._written(instances, "wagtail.create")
        self.after_bulk_write(instances, created=True)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None,
                    result=None):
        if dry_run:
            self.update_instances.clear()
            return
        instances = list(self.update_instances)
        super().bulk_update(using_transactions, dry_run, raise_errors, batch_size, result)
        self._written(instances, "wagtail.edit")
        self.after_bulk_write(instances, created=False)

    def get_bulk_update_fields(self):
        names = []
        for field in self.get_import_fields():
            if field.readonly or not field.attribute or field.attribute == "id":
                continue
            names.append(field.attribute.split("__")[0])
        return sorted(set(names) | set(self.computed_fields()))

    def computed_fields(self):
        return []

    def _written(self, instances, action):
        self.written.extend((instance.pk, str(instance)[:255], action)
                            for instance in instances if instance.pk is not None)

    def write_history(self, run):
        """One history entry per written row, naming the import it came from."""
        content_type = ContentType.objects.get_for_model(self._meta.model)
        now = timezone.now()
        entries = (ModelLogEntry(content_type=content_type, object_id=str(pk), label=label,
                                 action=action, user=self.user, timestamp=now,
                                 data={"import": run.pk, "file": run.file_name},
                                 content_changed=True)
                   for pk, label, action in self.written)
        ModelLogEntry.objects.bulk_create(entries, batch_size=1000)

    # --- exports -----------------------------------------------------------------------

    def prepare_export(self, queryset):
        """``queryset`` with the related rows its export reads fetched alongside."""
        return queryset

    def export_rows(self, queryset, *, native):
        """Each row's cells in column order; typed values for XLSX when ``native``."""
        names = self.column_names()
        for instance in queryset.iterator(chunk_size=2000):
            yield [self.export_cell(name, instance, native) for name in names]

    def export_cell(self, name, instance, native):
        field = self.fields[name]
        method = getattr(self, f"dehydrate_{name}", None)
        value = method(instance) if method else field.get_value(instance)
        if method:
            return value
        return field.widget.render(value, force_native_type=native)
