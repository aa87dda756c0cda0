from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Platform")

    def ready(self):
        # Both touch Wagtail's and import-export's models and classes, which exist only
        # once the app registry is ready.
        from core import history
        from core.importing.spreadsheets import install_safe_csv

        history.install()
        install_safe_csv()
