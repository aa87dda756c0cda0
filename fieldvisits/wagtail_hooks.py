from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.menus import QueriedMenuItem
from fieldvisits import admin_views, planning_views
from fieldvisits.viewsets import FieldStudyViewSetGroup
from fieldvisits.workforce import reader_programs
from tracker.access import FIELD_STUDY_READERS
from tracker.models import programs_for


@hooks.register("register_admin_viewset")
def register_field_study_viewsets():
    return FieldStudyViewSetGroup()


@hooks.register("register_admin_urls")
def register_field_study_admin_urls():
    return [
        path("field-study/coverage/", admin_views.CoverageReportView.as_view(),
             name="field_coverage_report"),
        path("field-study/coverage/results/",
             admin_views.CoverageReportView.as_view(results_only=True),
             name="field_coverage_report_results"),
        path("field-study/workforce/", admin_views.WorkforceReportView.as_view(),
             name="field_workforce_report"),
        path("field-study/workforce/results/",
             admin_views.WorkforceReportView.as_view(results_only=True),
             name="field_workforce_report_results"),
        path("field-study/questionnaire-versions/<int:pk>/<str:action>/",
             admin_views.questionnaire_version_action, name="field_questionnaire_version_action"),
        path("field-study/selection/propose/", admin_views.propose_selection_view,
             name="field_propose_selection"),
        path("field-study/selection/visits/", planning_views.plan_visits_view,
             name="field_plan_visits"),
        path("field-study/visits/<int:pk>/replace/", planning_views.accept_replacement_view,
             name="field_accept_replacement"),
    ]


class FieldStudyReaderMenuItem(QueriedMenuItem):
    def shown_for(self, request):
        return programs_for(request.user, FIELD_STUDY_READERS).exists()


@hooks.register("register_reports_menu_item")
def register_coverage_report_menu_item():
    return FieldStudyReaderMenuItem(
        _("Field study coverage"), reverse("field_coverage_report"), name="field-coverage",
        icon_name="table", order=150,
    )


@hooks.register("construct_homepage_panels")
def add_coverage_panel(request, panels):
    programs = list(programs_for(request.user, FIELD_STUDY_READERS).order_by("name_tr"))
    if programs:
        panels.append(admin_views.CoveragePanel(programs))


class WorkforceReaderMenuItem(QueriedMenuItem):
    def shown_for(self, request):
        exact, protected = reader_programs(request.user)
        return exact.exists() or protected.exists()


@hooks.register("register_reports_menu_item")
def register_workforce_report_menu_item():
    return WorkforceReaderMenuItem(
        _("Workforce needs"), reverse("field_workforce_report"), name="field-workforce",
        icon_name="group", order=160,
    )


@hooks.register("construct_homepage_panels")
def add_workforce_panel(request, panels):
    programs, exact_ids = admin_views.workforce_programs(request.user)
    if programs:
        panels.append(admin_views.WorkforcePanel(programs, exact_ids))
