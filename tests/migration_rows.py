"""The rows migrations write, written again after a transactional test emptied the tables."""

from django.conf import settings
from wagtail.models import Collection, Locale, Page

from zones.consent import first_version
from zones.models import ConsentText, Occupation
from zones.occupations import load_occupations


def restore_migration_rows():
    """Write again the rows migrations fill and a transactional test's final flush empties:
    Wagtail's locale, root page and root collection, the occupations list and the first
    consent text. Rows still there are left alone."""
    if not Page.objects.filter(depth=1).exists():
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Occupation.objects.exists():
        load_occupations(Occupation)
    if not ConsentText.objects.exists():
        text_tr, text_en, retention_months = first_version()
        ConsentText.objects.create(version=1, text_tr=text_tr, text_en=text_en,
                                   retention_months=retention_months)
