from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports import admin_views

admin_urls = ([
    path("", admin_views.index, name="index"),
    path("issue/", admin_views.issue, name="issue"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/issue-again/", admin_views.issue_again, name="issue_again"),
    path("<int:pk>/publish/", admin_views.publish, {"action": "publish"}, name="publish"),
    path("<int:pk>/unpublish/", admin_views.publish, {"action": "unpublish"},
         name="unpublish"),
], "reports_admin")


@hooks.register("register_admin_urls")
def register_report_admin_urls():
    return [path("progress-reports/", include(admin_urls))]


class ReportReaderMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("reports.view_report")


@hooks.register("register_reports_menu_item")
def register_progress_reports_menu_item():
    return ReportReaderMenuItem(_("Progress reports"), reverse("reports_admin:index"),
                                name="progress-reports", icon_name="doc-full", order=100)


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action("reports.report.issue", _("Request report"), _("Report requested"))
    actions.register_action("reports.report.publish", _("Publish report"),
                            _("Report published on the public site"))
    actions.register_action("reports.report.unpublish", _("Withdraw report"),
                            _("Report withdrawn from the public site"))
    actions.register_action("reports.report.file_refused", _("Refuse report download"),
                            _("Download refused: the stored file is altered or missing"))
