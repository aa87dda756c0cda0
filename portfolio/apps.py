from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("National portfolio")

    def ready(self):
        from portfolio import summaries

        summaries.connect()
