from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldvisitsConfig(AppConfig):
    name = "fieldvisits"
    verbose_name = _("Field study")
