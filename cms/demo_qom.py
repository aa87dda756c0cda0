"""The Qom cluster programme's public site: its own page tree, read in Persian at /fa/ (the
programme's language) with Turkish and English translations, served on its own host name
beside the Kayseri site. Built like the Kayseri tree (``cms.demo``): a Turkish tree whose
pages are translated with Wagtail's translation keys; every page here has its text in all
three languages. Running it again changes nothing."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.demo import _child, _grant_editor_rights, _move_tree_to_turkish, _translate
from cms.indexing import pages_indexed_once
from cms.models import ActionPlanPage, HomePage, IndicatorsPage, StandardPage
from tracker.models import Indicator

# The demo serves it at http://qom.localhost:<port>/fa/ (any port, so the dev server's).
HOSTNAME = "qom.localhost"
HEADLINE_INDICATOR_CODE = "N.1"

HOME = {
    "tr": {"title": "Kum Sanayi Kümeleri", "slug": "qom-khooshe",
           "intro": "<p>İran Küçük Sanayiler ve Sanayi Siteleri Kurumu'nun Kum ilindeki sanayi "
                    "kümeleri geliştirme programı: mobilya, ayakkabı, yapı taşı, sohan, ipek "
                    "halı ve otomotiv parçaları kümeleri. Aşağıdaki rakamlar veritabanından "
                    "canlı okunur; tutarlar riyal cinsindendir.</p>",
           "search_description": "Kum sanayi kümeleri programının eylem planı, göstergeleri "
                                 "ve küme hunisi."},
    "en": {"title": "Qom Industrial Clusters", "slug": "qom-clusters",
           "intro": "<p>The industrial cluster development programme of Iran's Small "
                    "Industries and Industrial Parks Organisation in Qom province: the "
                    "furniture, footwear, building stone, sohan, silk carpet and car parts "
                    "clusters. The figures below are read live from the database; amounts "
                    "are in rials.</p>",
           "search_description": "Action plan, indicators and cluster funnel of the Qom "
                                 "industrial cluster programme."},
    "fa": {"title": "خوشه‌های صنعتی قم", "slug": "qom-khooshe-fa",
           "intro": "<p>برنامه توسعه خوشه‌های صنعتی سازمان صنایع کوچک و شهرک‌های صنعتی ایران "
                    "در استان قم: خوشه‌های مبلمان، کفش، سنگ ساختمانی، سوهان، فرش ابریشمی و "
                    "قطعات خودرو. ارقام زیر به‌طور زنده از پایگاه داده خوانده می‌شوند؛ مبالغ "
                    "به ریال است.</p>",
           "search_description": "برنامهٔ اقدام، شاخص‌ها و قیف خوشه‌های برنامهٔ توسعه "
                                 "خوشه‌های صنعتی قم."},
}

SECTIONS = [
    (ActionPlanPage, {
        "tr": {"title": "Eylem planı", "slug": "eylem-plani",
               "intro": "<p>Kümelerin eylem planlarından doğan eylemler, sorumlu kurumları ve "
                        "ilerlemeleri.</p>",
               "search_description": "Kum sanayi kümeleri eylem planı."},
        "en": {"title": "Action plan", "slug": "action-plan",
               "intro": "<p>The actions the clusters' action plans lead to, their lead "
                        "institutions and their progress.</p>",
               "search_description": "The Qom industrial clusters action plan."},
        "fa": {"title": "برنامهٔ اقدام", "slug": "action-plan",
               "intro": "<p>اقدام‌هایی که از برنامه‌های اقدام خوشه‌ها برمی‌آیند، نهاد مسئول "
                        "و پیشرفت هر یک.</p>",
               "search_description": "برنامهٔ اقدام خوشه‌های صنعتی قم."},
    }),
    (IndicatorsPage, {
        "tr": {"title": "Göstergeler", "slug": "gostergeler",
               "intro": "<p>Programın başlangıç değerleri: ülke genelinde belirlenen ve "
                        "tamamlanan sanayi kümeleri.</p>",
               "search_description": "Ülke genelinde belirlenen ve tamamlanan kümeler."},
        "en": {"title": "Indicators", "slug": "indicators",
               "intro": "<p>The programme's baselines: the industrial clusters identified and "
                        "completed nationally.</p>",
               "search_description": "Clusters identified and completed nationally."},
        "fa": {"title": "شاخص‌ها", "slug": "indicators",
               "intro": "<p>مقادیر پایهٔ برنامه: خوشه‌های صنعتی شناسایی‌شده و تکمیل‌شده در "
                        "کشور.</p>",
               "search_description": "خوشه‌های شناسایی‌شده و تکمیل‌شده در کشور."},
    }),
    (StandardPage, {
        "tr": {"title": "İletişim", "slug": "iletisim",
               "intro": "<p>Kum Sanayi Kümeleri Bilgi Merkezi.</p>",
               "search_description": "Küme bilgi merkezinin iletişim bilgileri.",
               "body": [("paragraph", "<p>Şükuhiye Sanayi Sitesi, Kum</p>")]},
        "en": {"title": "Contact", "slug": "contact",
               "intro": "<p>The Qom industrial clusters information centre.</p>",
               "search_description": "How to reach the cluster information centre.",
               "body": [("paragraph", "<p>Shokouhieh industrial park, Qom</p>")]},
        "fa": {"title": "تماس", "slug": "contact",
               "intro": "<p>مرکز اطلاعات خوشه‌های صنعتی قم.</p>",
               "search_description": "نشانی مرکز اطلاعات خوشه‌ها.",
               "body": [("paragraph", "<p>شهرک صنعتی شکوهیه، قم</p>")]},
    }),
]


@transaction.atomic
@pages_indexed_once()
def seed_qom_site(program, editor_group):
    """The Qom programme's page tree in Turkish, English and Persian and the site that
    serves it at ``HOSTNAME``; returns the Persian home page."""
    locale_tr, _created = Locale.objects.get_or_create(language_code="tr")
    locale_en, _created = Locale.objects.get_or_create(language_code="en")
    locale_fa, _created = Locale.objects.get_or_create(language_code="fa")
    root = _move_tree_to_turkish(locale_tr)
    home = HomePage.objects.filter(locale=locale_tr, program=program).first()
    if home is None:
        headline = Indicator.objects.filter(program=program, code=HEADLINE_INDICATOR_CODE,
                                            action__isnull=True).first()
        home = HomePage(program=program, headline_indicator=headline, locale=locale_tr,
                        **HOME["tr"])
        root.add_child(instance=home)
        home.save_revision().publish()
    home_en = _translate(home, locale_en, HOME["en"])
    home_fa = _translate(home, locale_fa, HOME["fa"])
    for page_class, languages in SECTIONS:
        page = _child(home, page_class, languages["tr"])
        _translate(page, locale_en, languages["en"])
        _translate(page, locale_fa, languages["fa"])
    Site.objects.get_or_create(hostname=HOSTNAME, defaults={
        "port": 80, "root_page": home, "site_name": str(program.name_fa or program.name)})
    _grant_editor_rights(editor_group, (home, home_en, home_fa))
    return Page.objects.get(pk=home_fa.pk).specific
