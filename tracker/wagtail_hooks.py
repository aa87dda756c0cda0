from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from tracker import admin_views
from tracker.admin_views import CoordinatorPanel, FocalPointPanel
from tracker.viewsets import ActionPlanViewSetGroup, CouncilViewSetGroup, ProgramViewSetGroup


@hooks.register("register_admin_viewset")
def register_program_viewsets():
    return ProgramViewSetGroup()


@hooks.register("register_admin_viewset")
def register_action_plan_viewsets():
    return ActionPlanViewSetGroup()


@hooks.register("register_admin_viewset")
def register_council_viewsets():
    return CouncilViewSetGroup()


@hooks.register("register_admin_urls")
def register_timeline_url():
    return [path("roadmap/timeline/", admin_views.timeline, name="tracker_timeline"),
            path("programme/switch/", admin_views.switch_program,
                 name="tracker_switch_program")]


class TimelineMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("tracker.view_phase")


@hooks.register("register_admin_menu_item")
def register_timeline_menu_item():
    return TimelineMenuItem(_("Timeline"), reverse("tracker_timeline"), icon_name="time",
                            order=204)


@hooks.register("construct_homepage_panels")
def add_roadmap_panels(request, panels):
    panels[:0] = CoordinatorPanel.for_request(request) + FocalPointPanel.for_request(request)


@hooks.register("register_log_actions")
def register_roadmap_log_actions(actions):
    actions.register_action("tracker.plan.approve", _("Approve plan version"),
                            _("Plan version approved"))
    actions.register_action("tracker.plan.revise", _("Revise plan version"),
                            _("Draft revision created"))
    actions.register_action("tracker.plan.supersede", _("Supersede plan version"),
                            _("Superseded by a newer approved version"))
    actions.register_action("tracker.task.status", _("Change task status"),
                            _("Task status changed"))
    actions.register_action("tracker.task.update", _("Post task update"),
                            _("Progress update posted"))
    actions.register_action("tracker.period.lock", _("Lock period"), _("Period locked"))
    actions.register_action("tracker.period.unlock", _("Unlock period"), _("Period unlocked"))


@hooks.register("insert_global_admin_css")
def tracker_admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("tracker/admin.css"))
