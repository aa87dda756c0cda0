from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Programme")

    def ready(self):
        from tracker import history
        from tracker.importing.spreadsheets import install_safe_csv

        history.install()
        install_safe_csv()
