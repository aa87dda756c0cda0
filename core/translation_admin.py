"""The admin side of translatable content (``core.translation``): a listing column that
shows editors which content languages a row still lacks."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from core.translation import missing_label

# Editors see at a glance which rows still lack a content language.
MISSING_TRANSLATIONS = Column("missing_translations", label=_("Missing translations"),
                              accessor=missing_label)
