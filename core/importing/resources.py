"""The base of every importable model's resource: one programme, natural keys, columns
named in Turkish and English, all-or-nothing writes in batches, history for each row."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from import_export import fields, resources
from import_export.instance_loaders import BaseInstanceLoader
from import_export.widgets import Widget
from wagtail.models import ModelLogEntry

from core.formats import capitalise
from core.importing.cells import fold, is_blank
from core.importing.files import ImportFileError
from core.translation import columns, pick_from, values_of

PROGRAM_COLUMN = "program"


def column(attribute, widget, *, readonly=False, label=None):
    """A resource field whose column is named after the model field (or ``label``)."""
    # The column is named after the resource's field when the resource is built.
    field = fields.Field(attribute=attribute, column_name=attribute, widget=widget,
                         readonly=readonly)
    field.label = label
    return field


class ProgramInstanceLoader(BaseInstanceLoader):
    """Loads the existing rows named by one chunk's key columns in one query."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.fields = [resource.fields[name] for name in resource.get_import_id_fields()]
        keys = set()
        for row in dataset.dict if dataset is not None and dataset.headers else []:
            key = self.key_of(row)
            if key is not None:
                keys.add(key)
        self.instances = {}
        if keys:
            first = self.fields[0].attribute
            rows = resource.get_queryset().filter(**{f"{first}__in": {key[0] for key in keys}})
            self.instances = {tuple(field.get_value(instance) for field in self.fields): instance
                              for instance in rows}

    def key_of(self, row):
        try:
            key = tuple(field.clean(row) for field in self.fields)
        except (ValueError, KeyError):
            return None
        return None if any(part in (None, "") for part in key) else key

    def get_instance(self, row):
        key = self.key_of(row)
        return None if key is None else self.instances.get(key)


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
        # Unchanged rows are told by comparing the values before and after (``skip_row``),
        # cheaper than the library's deep-copied diff.
        skip_diff = True
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
        self.dry_run = True
        self.values_before = None
        self._import_fields = None
        # Every file names its programme, so a file exported from one programme and
        # imported into another is refused rather than copied across.
        self.fields.setdefault(PROGRAM_COLUMN, column(None, Widget(), readonly=True,
                                                      label=gettext_lazy("programme")))
        for name, field in self.fields.items():
            field.column_name = name

    # --- the format: columns and their names --------------------------------------------

    def column_names(self):
        names = list(self._meta.fields)
        return names if PROGRAM_COLUMN in names else [PROGRAM_COLUMN, *names]

    def dehydrate_program(self, instance):
        if self.program is not None:
            return self.program.name
        # An export of several programmes (a national coordinator's): each row's own.
        value = instance
        for name in self._program_path[:-1]:
            value = getattr(value, name)
        return self._program_names.get(getattr(value, f"{self._program_path[-1]}_id"), "")

    @cached_property
    def _program_path(self):
        """The foreign keys from this resource's model to its programme."""
        program_model = apps.get_model("tracker", "Program")
        queue, seen = [(self._meta.model, [])], set()
        while queue:
            model, path = queue.pop(0)
            for field in model._meta.concrete_fields:
                if not (field.many_to_one or field.one_to_one) or field.null \
                        or field.related_model in seen:
                    continue
                if field.related_model is program_model:
                    return [*path, field.name]
                seen.add(field.related_model)
                queue.append((field.related_model, [*path, field.name]))
        raise LookupError(f"{self._meta.model.__name__} does not belong to a programme")

    @cached_property
    def _program_names(self):
        programs = apps.get_model("tracker", "Program").objects.values("pk", *columns("name"))
        return {row["pk"]: pick_from(row, "name") for row in programs}

    def refuse_other_program(self, row):
        """A row naming another programme (by name or slug) is refused; a blank cell is
        this programme's."""
        named = row.get(PROGRAM_COLUMN)
        if is_blank(named):
            return
        # Any language's name: an office exports in English and imports the file back.
        names = [*values_of(self.program, "name").values(), self.program.slug]
        if fold(named) not in {fold(name) for name in names if name}:
            raise ValidationError({PROGRAM_COLUMN: _(
                "This row belongs to the programme “%(other)s”; this import is into "
                "“%(program)s”. Import it in its own programme, or clear the column.")
                % {"other": named, "program": self.program.name}})

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
            spellings = [name, *self.aliases.get(name, ()),
                         *(("programme", "program", "program adı") if name == PROGRAM_COLUMN
                           else ())]
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
        """The programme's rows of this model, the only ones a file may update: each
        resource says how its model reaches the programme (every one overrides this)."""
        raise NotImplementedError(f"{type(self).__name__} must say which rows are the "
                                  "programme's (program_rows)")

    def get_queryset(self):
        return self.program_rows()

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        self.init_program(instance)
        return instance

    def init_program(self, instance):
        """Give a new row its programme (directly or through its parent)."""

    def import_data(self, dataset, dry_run=False, **kwargs):
        self.dry_run = dry_run
        return super().import_data(dataset, dry_run=dry_run, **kwargs)

    # --- per-row checks ----------------------------------------------------------------

    def import_row(self, row, instance_loader, **kwargs):
        # Messages and duplicate checks speak of the spreadsheet's own row numbers.
        self.row_number = self.chunk_row_numbers[kwargs["row_number"] - 1]
        return super().import_row(row, instance_loader, **kwargs)

    def get_import_fields(self):
        # Asked for on every row and every field; the answer never changes.
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        self.values_before = None if new else self.compared_values(instance)
        return instance, new

    def compared_values(self, instance):
        return [field.get_value(instance) for field in self.get_import_fields()
                if field.attribute]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or self.values_before is None:
            return False
        return self.compared_values(instance) == self.values_before

    def column_of(self, key):
        """The column an error key (a resource field or a model field) belongs to."""
        if key in self.fields:
            return key
        for name, field in self.fields.items():
            if field.attribute == key:
                return name
        for name, field in self.fields.items():
            if field.attribute and field.attribute.split("__")[0] == key:
                return name
        return None

    def before_import_row(self, row, **kwargs):
        self.refuse_other_program(row)
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
            # Uniqueness is the key column's job (checked across the file above); skipping
            # the per-row unique and constraint queries keeps big files fast.
            self.clean_model(instance, errors)
        if errors:
            raise ValidationError(errors)

    def clean_model(self, instance, errors, exclude=()):
        """Add the model's own validation errors to ``errors``, except for cells that
        already have one (a model rule would only repeat it less precisely)."""
        # Related rows come from lookups inside the programme (or are the programme), so
        # the per-row query checking that they exist is skipped.
        relations = [field.name for field in instance._meta.concrete_fields
                     if field.is_relation]
        try:
            instance.full_clean(exclude=[*errors, *exclude, *relations], validate_unique=False,
                                validate_constraints=False)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                errors.setdefault(key, messages)

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

    def do_instance_save(self, instance, is_create):
        # Resources that write row by row (few rows, each with side effects) record their
        # history here; batched ones in ``bulk_create``/``bulk_update``.
        super().do_instance_save(instance, is_create)
        if not self.dry_run:
            self._written([instance], "wagtail.create" if is_create else "wagtail.edit")

    def _written(self, instances, action):
        self.written.extend((instance.pk, str(instance)[:255], action)
                            for instance in instances if instance.pk is not None)

    def write_history(self, run):
        """One history entry per written row, naming the import it came from."""
        content_type = ContentType.objects.get_for_model(self._meta.model)
        now = timezone.now()
        entries = [ModelLogEntry(content_type=content_type, object_id=str(pk), label=label,
                                 action=action, user=self.user, timestamp=now,
                                 data={"import": run.pk, "file": run.file_name},
                                 content_changed=True)
                   for pk, label, action in self.written]
        ModelLogEntry.objects.bulk_create(entries, batch_size=1000)
        self.written.clear()

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
