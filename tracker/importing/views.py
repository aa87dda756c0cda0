"""The admin side of imports: an "Import" button on a listing, the upload form, the
preview (the run's page) and the confirmation, for any viewset that declares a resource."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from core.formats import capitalise
from core.importing.files import ImportFileError
from core.importing.spreadsheets import csv_response, xlsx_response
from tracker.access import Role, acting_with
from tracker.importing.runs import confirm_import, start_import
from tracker.models import ImportRun, programs_for


def importing_programs(user, model):
    """Programmes into which ``user`` may import rows of ``model``: those they coordinate,
    counted only where their role may add such rows."""
    permission = f"{model._meta.app_label}.add_{model._meta.model_name}"
    if not user.has_perm(permission):
        return programs_for(None, [])
    with acting_with(permission):
        return programs_for(user, [Role.COORDINATOR]).order_by("name_tr")


class ImportForm(forms.Form):
    program = forms.ModelChoiceField(label=gettext_lazy("Programme"), queryset=None,
                                     empty_label=None)
    file = forms.FileField(label=gettext_lazy("File"),
                           help_text=gettext_lazy("Excel (.xlsx) or CSV (.csv), with the "
                                                  "columns of an export in its first row."))

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


class ImportViewMixin(WagtailAdminTemplateMixin):
    viewset = None
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.programs = importing_programs(request.user, self.viewset.model)
        if not self.programs.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Import %(things)s") % {"things": self.viewset.model._meta.verbose_name_plural}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.viewset.get_url_name("index")),
             "label": capitalise(self.viewset.model._meta.verbose_name_plural)},
            {"url": "", "label": _("Import")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.viewset.import_resource_class(program=None, user=self.request.user)
        context["columns"] = resource.headers()
        context["index_url"] = reverse(self.viewset.get_url_name("index"))
        return context


class ImportUploadView(ImportViewMixin, FormView):
    template_name = "tracker/importing/upload.html"
    form_class = ImportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programs": self.programs}

    def form_valid(self, form):
        try:
            run = start_import(resource_class=self.viewset.import_resource_class,
                               program=form.cleaned_data["program"], user=self.request.user,
                               upload=form.cleaned_data["file"])
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return redirect(self.viewset.get_url_name("import_run"), run_id=run.pk)


class ImportRunView(ImportViewMixin, TemplateView):
    """The preview: counts, every rejected cell, and the confirm button; while a big file
    is being checked or written, its progress (the page refreshes itself)."""

    template_name = "tracker/importing/run.html"

    @cached_property
    def run(self):
        run = ImportRun.objects.filter(
            pk=self.kwargs["run_id"], program__in=self.programs).select_related(
            "program", "created_by").first()
        if run is None:
            raise Http404
        return run

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.run
        context["run"] = run
        context["confirm_url"] = reverse(self.viewset.get_url_name("import_confirm"),
                                         args=[run.pk])
        context["upload_url"] = reverse(self.viewset.get_url_name("import"))
        context["can_confirm"] = (run.status == ImportRun.Status.PREVIEWED
                                  and not run.rejected_count)
        return context

    def post(self, request, *args, **kwargs):
        try:
            run = confirm_import(run_id=self.run.pk, user=request.user)
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect(request.path.replace("confirm/", ""))
        if run.status == ImportRun.Status.DONE:
            messages.success(request, _("Imported: %(new)s new, %(updated)s updated, "
                                        "%(unchanged)s unchanged.") % {
                "new": run.new_count, "updated": run.updated_count,
                "unchanged": run.unchanged_count})
        elif run.status == ImportRun.Status.FAILED:
            messages.error(request, run.message)
        return redirect(self.viewset.get_url_name("import_run"), run_id=run.pk)


class ImportExportIndexMixin:
    """For an importable viewset's listing: the Import button, and exports written by the
    import's own resource, so an exported file imports back unchanged."""

    import_url_name = None
    import_resource_class = None

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if importing_programs(self.request.user, self.model).exists():
            buttons.append(HeaderButton(_("Import"), url=reverse(self.import_url_name),
                                        icon_name="upload"))
        return buttons

    def as_spreadsheet(self, queryset, spreadsheet_format):
        resource = self.import_resource_class(program=None, user=self.request.user)
        queryset = resource.prepare_export(queryset)
        rows = resource.export_rows(queryset, native=spreadsheet_format == self.FORMAT_XLSX)
        if spreadsheet_format == self.FORMAT_XLSX:
            return xlsx_response(resource.headers(), rows,
                                 capitalise(self.model._meta.verbose_name_plural),
                                 self.get_filename())
        return csv_response(resource.headers(), rows, self.get_filename())


class ImportableViewSetMixin:
    """Declare ``import_resource_class`` on a ModelViewSet to give it imports and
    round-tripping exports."""

    import_resource_class = None

    def _importable_index(self):
        return type(f"Importable{self.index_view_class.__name__}",
                    (ImportExportIndexMixin, self.index_view_class), {})

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            import_url_name=self.get_url_name("import"),
            import_resource_class=self.import_resource_class, **kwargs)

    @property
    def index_view(self):
        return self.construct_view(self._importable_index(), **self.get_index_view_kwargs())

    @property
    def index_results_view(self):
        return self.construct_view(self._importable_index(), **self.get_index_view_kwargs(),
                                   results_only=True)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/", ImportUploadView.as_view(viewset=self), name="import"),
            path("import/<int:run_id>/", ImportRunView.as_view(viewset=self),
                 name="import_run"),
            path("import/<int:run_id>/confirm/", ImportRunView.as_view(viewset=self),
                 name="import_confirm"),
        ]
