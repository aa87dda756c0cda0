"""Public pages of the demo programme: a Turkish home page and its English translation."""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)

from cms.models import HomePage

INTRO_TR = (
    "<p>Kayseri İhracatta Dönüşüm, ilin üretici firmalarını üç yılda ihracatta dönüştürmek "
    "için valilik koordinasyonunda, Kayseri Ticaret Odası öncülüğünde yürütülen bir "
    "programdır. Aşağıdaki rakamlar veritabanından canlı okunur.</p>"
)
INTRO_EN = (
    "<p>Kayseri Export Transformation is a three-year programme, coordinated by the "
    "governorship and led by the Kayseri Chamber of Commerce, to transform the province's "
    "producer firms into exporters. The figures below are read live from the database.</p>"
)


@transaction.atomic
def seed_public_site(program, editor_group):
    """Create the tr home page as the site root, its en translation, and editor rights."""
    locale_tr, _created = Locale.objects.get_or_create(language_code="tr")
    locale_en, _created = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root.locale_id != locale_tr.pk:
        # Wagtail's first migration creates the tree in the default locale "en"; the
        # programme speaks Turkish first, so the tree root moves to "tr".
        Page.objects.filter(depth=1).update(locale=locale_tr)
        root.refresh_from_db()

    home = HomePage.objects.filter(locale=locale_tr, program=program).first()
    if home is None:
        home = HomePage(
            title=program.name, slug=program.slug, program=program, intro=INTRO_TR,
            locale=locale_tr,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    home_en = HomePage.objects.filter(translation_key=home.translation_key,
                                      locale=locale_en).first()
    if home_en is None:
        home_en = home.copy_for_translation(locale_en)
        home_en.title = "Kayseri Export Transformation"
        home_en.intro = INTRO_EN
        home_en.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                            site_name=program.name)
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.site_name = program.name
        site.save()
        if welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()

    # Each language's home page is its own tree root, so editors get rights on both.
    for page in (home, home_en):
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=editor_group, page=page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                                  codename=codename),
            )
    root_collection = Collection.get_first_root_node()
    for app_label, codenames in (("wagtailimages", ("add_image", "change_image",
                                                    "choose_image")),
                                 ("wagtaildocs", ("add_document", "change_document",
                                                  "choose_document"))):
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=editor_group, collection=root_collection,
                permission=Permission.objects.get(content_type__app_label=app_label,
                                                  codename=codename),
            )
    return home
