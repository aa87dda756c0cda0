from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Platform")

    def ready(self):
        # Both touch Wagtail's and import-export's models and classes, which exist only
        # once the app registry is ready.
        # One structured log line per background task (core/logs.py's signal receivers).
        # ``logs`` connects the one structured log line per background task.
        from core import history, logs  # noqa: F401
        from core.date_fields import use_in_admin_forms
        from core.importing.spreadsheets import install_safe_csv

        history.install()
        use_in_admin_forms()
        install_safe_csv()
