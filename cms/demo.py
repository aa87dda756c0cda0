"""The demo programme's public site: the page tree in Turkish, its English and Persian
translations, and editor rights on every tree."""

import datetime
import json

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

from cms.demo_fa import HOME as HOME_FA
from cms.demo_fa import persian_fields
from cms.indexing import pages_indexed_once
from cms.models import (
    ActionPlanPage,
    DirectoryPage,
    HomePage,
    IndicatorsPage,
    NewsIndexPage,
    NewsPage,
    ReportsIndexPage,
    RoadmapPage,
    StandardPage,
    StatisticsPage,
    ZonesPage,
)
from tracker.models import Action, Indicator, PlanVersion

HEADLINE_INDICATOR_CODE = "EXP"

HOME = {
    "tr": {"title": None, "intro": (
        "<p>Kayseri İhracatta Dönüşüm, ilin üretici firmalarını üç yılda ihracatta "
        "dönüştürmek için valilik koordinasyonunda, Kayseri Ticaret Odası öncülüğünde "
        "yürütülen bir programdır. Aşağıdaki rakamlar veritabanından canlı okunur.</p>"),
        "search_description": "Kayseri'nin ihracatta dönüşüm programının yol haritası, eylem "
                              "planı, göstergeleri ve saha çalışması istatistikleri."},
    "en": {"title": "Kayseri Export Transformation", "slug": "kayseri-export", "intro": (
        "<p>Kayseri Export Transformation is a three-year programme, coordinated by the "
        "governorship and led by the Kayseri Chamber of Commerce, to transform the "
        "province's producer firms into exporters. The figures below are read live from "
        "the database.</p>"),
        "search_description": "Roadmap, action plan, indicators and field-study statistics "
                              "of Kayseri's export transformation programme."},
}

# (page class, {language: fields}); every section is shown in the menu.
SECTIONS = [
    (RoadmapPage, {
        "tr": {"title": "Yol haritası", "slug": "yol-haritasi",
               "intro": "<p>Programın üç aşaması, kilometre taşları ve her aşamanın "
                        "hesaplanan durumu.</p>",
               "search_description": "Dönüşüm, Gelişim ve Kazanım aşamaları ve kilometre "
                                     "taşları."},
        "en": {"title": "Roadmap", "slug": "roadmap",
               "intro": "<p>The programme's three phases, their milestones and the status "
                        "computed for each phase.</p>",
               "search_description": "The Transformation, Development and Achievement phases "
                                     "and their milestones."},
    }),
    (ActionPlanPage, {
        "tr": {"title": "Eylem planı", "slug": "eylem-plani",
               "intro": "<p>Üretim ve İhracat Stratejisi Eylem Planının eksenleri, hedefleri "
                        "ve eylemleri; her eylemin sorumlu ve iş birliği yapan kurumları, "
                        "süresi ve ilerlemesi.</p>",
               "search_description": "Eylem planının eylemleri, sorumlu kurumlar ve "
                                     "ilerleme."},
        "en": {"title": "Action plan", "slug": "action-plan",
               "intro": "<p>The pillars, goals and actions of the Production and Export "
                        "Strategy Action Plan, with each action's lead and partner "
                        "institutions, period and progress.</p>",
               "search_description": "The action plan's actions, lead institutions and "
                                     "progress."},
    }),
    (IndicatorsPage, {
        "tr": {"title": "Göstergeler", "slug": "gostergeler",
               "intro": "<p>İhracat, ithalat ve diğer program göstergelerinin 2024 başlangıç "
                        "değerleri, yıllık hedefleri ve kesinleşmiş dönem değerleri.</p>",
               "search_description": "İhracat ve program göstergeleri: başlangıç, hedef ve "
                                     "gerçekleşen değerler."},
        "en": {"title": "Indicators", "slug": "indicators",
               "intro": "<p>The 2024 baselines, yearly targets and final period values of "
                        "exports, imports and the programme's other indicators.</p>",
               "search_description": "Exports and programme indicators: baseline, targets "
                                     "and actual values."},
    }),
    (StatisticsPage, {
        "tr": {"title": "Saha çalışması istatistikleri", "slug": "saha-calismasi",
               "intro": "<p>Firmaların masa başı değerlendirmesi ve yerinde ziyaretlerinden "
                        "toplu istatistikler. Hiçbir firma tanınamaz: az sayıda firmaya "
                        "dayanan rakamlar gizlenir.</p>",
               "search_description": "Sektör ve ilçelere göre firmalar, olgunluk puanları, "
                                     "bulgular ve işgücü ihtiyacı."},
        "en": {"title": "Field study statistics", "slug": "field-study",
               "intro": "<p>Aggregate statistics from the desk assessment and the on-site "
                        "visits. No firm can be recognised: figures resting on few firms are "
                        "hidden.</p>",
               "search_description": "Firms by sector and district, maturity scores, "
                                     "findings and workforce needs."},
    }),
    (ReportsIndexPage, {
        "tr": {"title": "Raporlar", "slug": "raporlar",
               "intro": "<p>Program ofisinin kesinleşen raporlama dönemleri için yayımladığı "
                        "ilerleme ve saha çalışması raporları. Her rapor yayımlandığı hâliyle "
                        "kalır; yeni bir sürüm eskisinin yanına eklenir.</p>",
               "search_description": "Programın dönemlik ilerleme ve saha çalışması "
                                     "raporları (PDF)."},
        "en": {"title": "Reports", "slug": "reports",
               "intro": "<p>The progress and field study reports the programme office "
                        "published for closed reporting periods. A report stays as it was "
                        "published; a new version is added beside the old one.</p>",
               "search_description": "The programme's progress and field study reports per "
                                     "period (PDF)."},
    }),
    (NewsIndexPage, {
        "tr": {"title": "Haberler", "slug": "haberler", "intro": "",
               "search_description": "Programdan haberler."},
        "en": {"title": "News", "slug": "news", "intro": "",
               "search_description": "News from the programme."},
    }),
    (StandardPage, {
        "tr": {"title": "Hakkında", "slug": "hakkinda",
               "intro": "<p>Program, amacı ve yöntemi.</p>",
               "search_description": "Kayseri İhracatta Dönüşüm programı hakkında.",
               "body": [
                   ("heading", "Neden bu program?"),
                   ("paragraph", "<p>Kayseri 2024 yılında 3.751 milyon dolar ihracat yaptı. "
                                 "Program, üretici firmaların verimlilik, dijitalleşme, yeşil "
                                 "dönüşüm ve Ar-Ge kapasitesini güçlendirerek bu rakamı "
                                 "artırmayı hedefler.</p>"),
                   ("figure", {"figure": "headline_indicator", "caption": "Son kesinleşen "
                                                                          "ihracat değeri"}),
                   ("quote", {"quote": "Birlikte üreten ve birlikte ihracat yapan bir Kayseri.",
                              "attribution": "Koordinasyon Kurulu"}),
               ]},
        "en": {"title": "About", "slug": "about",
               "intro": "<p>The programme, its aim and its method.</p>",
               "search_description": "About the Kayseri Export Transformation programme.",
               "body": [
                   ("heading", "Why this programme?"),
                   ("paragraph", "<p>Kayseri exported 3,751 million dollars in 2024. The "
                                 "programme aims to raise that figure by strengthening the "
                                 "productivity, digitalisation, green transformation and R&amp;D "
                                 "capacity of producer firms.</p>"),
                   ("figure", {"figure": "headline_indicator",
                               "caption": "Latest final export value"}),
                   ("quote", {"quote": "A Kayseri that produces and exports together.",
                              "attribution": "Coordination council"}),
               ]},
    }),
    (StandardPage, {
        "tr": {"title": "Kurul ve kurumlar", "slug": "kurul-ve-kurumlar",
               "intro": "<p>Programı yürüten koordinasyon kurulu ve paydaş kurumlar.</p>",
               "search_description": "Koordinasyon kurulu ve paydaş kurumlar.",
               "body": [
                   ("paragraph", "<p>Kurul, valilik başkanlığında Kayseri Ticaret Odası "
                                 "koordinasyonunda toplanır. Üyeleri: Ticaret Bakanlığı, "
                                 "Büyükşehir Belediyesi, Kayseri Sanayi Odası, Kayseri Ticaret "
                                 "Borsası, Erciyes Üniversitesi, Kayseri Üniversitesi, Abdullah "
                                 "Gül Üniversitesi, Orta Anadolu İhracatçı Birlikleri, KAGİD, "
                                 "Orta Anadolu Kalkınma Ajansı ve KOSGEB.</p>"),
               ]},
        "en": {"title": "Council and institutions", "slug": "council-and-institutions",
               "intro": "<p>The coordination council and the stakeholder institutions that "
                        "run the programme.</p>",
               "search_description": "The coordination council and stakeholder institutions.",
               "body": [
                   ("paragraph", "<p>The council meets under the governor, coordinated by the "
                                 "Kayseri Chamber of Commerce. Its members: the Ministry of "
                                 "Trade, the metropolitan municipality, the Kayseri Chamber of "
                                 "Industry, the Kayseri Commodity Exchange, Erciyes University, "
                                 "Kayseri University, Abdullah Gül University, the Central "
                                 "Anatolian Exporters' Associations, KAGİD, the Central Anatolia "
                                 "Development Agency and KOSGEB.</p>"),
               ]},
    }),
    (StandardPage, {
        "tr": {"title": "İletişim", "slug": "iletisim",
               "intro": "<p>Program ofisine ulaşın.</p>",
               "search_description": "Program ofisinin iletişim bilgileri.",
               "body": [
                   ("paragraph", "<p>Kayseri Ticaret Odası, Program Ofisi<br>Sahabiye Mah. "
                                 "Ahmetpaşa Cad. No: 2, Kocasinan / Kayseri<br>"
                                 "E-posta: <a href=\"mailto:program@example.org\">"
                                 "program@example.org</a></p>"),
               ]},
        "en": {"title": "Contact", "slug": "contact",
               "intro": "<p>Reach the programme office.</p>",
               "search_description": "How to reach the programme office.",
               "body": [
                   ("paragraph", "<p>Kayseri Chamber of Commerce, Programme Office<br>Sahabiye "
                                 "Mah. Ahmetpaşa Cad. No: 2, Kocasinan / Kayseri<br>"
                                 "E-mail: <a href=\"mailto:program@example.org\">"
                                 "program@example.org</a></p>"),
               ]},
    }),
]

NEWS = [
    {"date": datetime.date(2026, 2, 12), "linked_action": False,
     "tr": {"title": "Koordinasyon kurulu ilk toplantısını yaptı", "slug": "kurul-ilk-toplanti",
            "summary": "Valilik başkanlığında toplanan kurul, saha çalışmasının takvimini "
                       "onayladı.",
            "body": [("paragraph", "<p>Kurul, 2.000'den fazla firmanın masa başında "
                                   "değerlendirilmesine ve 450 firmanın yerinde ziyaret "
                                   "edilmesine karar verdi.</p>")]},
     "en": {"title": "The coordination council held its first meeting",
            "slug": "council-first-meeting",
            "summary": "Meeting under the governor, the council approved the field study's "
                       "schedule.",
            "body": [("paragraph", "<p>The council decided to assess more than 2,000 firms "
                                   "and to visit 450 of them on site.</p>")]}},
    {"date": datetime.date(2026, 9, 1), "linked_action": False,
     "tr": {"title": "Saha ziyaretleri sürüyor", "slug": "saha-ziyaretleri-suruyor",
            "summary": "Saha ekipleri firmaları yerinde ziyaret ediyor; güncel sayı aşağıda.",
            "body": [("paragraph", "<p>Ziyaretler kasım sonuna kadar sürecek.</p>"),
                     ("figure", {"figure": "visits_completed", "caption": ""})]},
     "en": {"title": "Field visits are under way", "slug": "field-visits-under-way",
            "summary": "Field teams are visiting firms on site; the current count is below.",
            "body": [("paragraph", "<p>The visits continue until the end of November.</p>"),
                     ("figure", {"figure": "visits_completed", "caption": ""})]}},
    {"date": datetime.date(2026, 11, 20), "linked_action": True,
     "tr": {"title": "Eylem planının ilk eylemleri başladı", "slug": "ilk-eylemler",
            "summary": "Onaylanan eylem planının ilk eylemlerinde çalışmalar başladı.",
            "body": [("paragraph", "<p>Sorumlu kurumlar ilk görev toplantılarını yaptı.</p>"),
                     ("figure", {"figure": "actions_complete", "caption": ""})]},
     "en": {"title": "The action plan's first actions have started", "slug": "first-actions",
            "summary": "Work has started on the first actions of the approved plan.",
            "body": [("paragraph", "<p>The lead institutions held their first task "
                                   "meetings.</p>"),
                     ("figure", {"figure": "actions_complete", "caption": ""})]}},
]


def _publish(page):
    page.save_revision().publish()
    return page


def _stored(fields):
    """``fields`` with a body given as ``[(block type, value)]`` in StreamField's stored
    form, so every block's value is read as if an editor had saved it."""
    if "body" not in fields:
        return fields
    body = [{"type": kind, "value": value} for kind, value in fields["body"]]
    return {**fields, "body": json.dumps(body)}


def _translate(page, locale, fields):
    """The translation of ``page`` into ``locale``, created and published once."""
    fields = _stored(fields)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    return _publish(translated)


def _child(parent, page_class, fields, **extra):
    fields = _stored(fields)
    existing = parent.get_children().filter(slug=fields["slug"]).first()
    if existing is not None:
        return existing.specific
    page = page_class(show_in_menus=page_class is not NewsPage, **fields, **extra)
    parent.add_child(instance=page)
    return _publish(page)


def _move_tree_to_turkish(locale_tr):
    root = Page.get_first_root_node()
    if root.locale_id != locale_tr.pk:
        # Wagtail's first migration creates the tree in the default locale "en"; the
        # programme speaks Turkish first, so the tree root moves to "tr".
        Page.objects.filter(depth=1).update(locale=locale_tr)
        root.refresh_from_db()
    return root


@transaction.atomic
@pages_indexed_once()
def seed_public_site(program, editor_group):
    """Create the Turkish page tree with the tr home page as the site root, its English
    and Persian translations, and editor rights on every tree. Running it again changes
    nothing."""
    locale_tr, _created = Locale.objects.get_or_create(language_code="tr")
    locale_en, _created = Locale.objects.get_or_create(language_code="en")
    locale_fa, _created = Locale.objects.get_or_create(language_code="fa")
    root = _move_tree_to_turkish(locale_tr)
    headline = Indicator.objects.filter(program=program, code=HEADLINE_INDICATOR_CODE,
                                        action__isnull=True).first()

    home = HomePage.objects.filter(locale=locale_tr, program=program).first()
    if home is None:
        home = HomePage(title=program.name_tr, slug=program.slug, program=program,
                        headline_indicator=headline, intro=HOME["tr"]["intro"],
                        search_description=HOME["tr"]["search_description"],
                        locale=locale_tr)
        root.add_child(instance=home)
        _publish(home)
    elif headline is not None and home.headline_indicator_id is None:
        home.headline_indicator = headline
        _publish(home)
    home_en = _translate(home, locale_en, HOME["en"])
    home_fa = _translate(home, locale_fa, HOME_FA)
    _set_site_root(home, program)

    news_index = None
    for page_class, languages in SECTIONS:
        page = _child(home, page_class, languages["tr"])
        _translate(page, locale_en, languages["en"])
        _translate(page, locale_fa, persian_fields(languages["en"]))
        if page_class is NewsIndexPage:
            news_index = page
    plan = PlanVersion.objects.current(program)
    first_action = (Action.objects.filter(goal__pillar__plan=plan).order_by(
        "goal__pillar__order", "goal__order", "code").first() if plan else None)
    for item in NEWS:
        action = first_action if item["linked_action"] else None
        page = _child(news_index, NewsPage, item["tr"], date=item["date"], action=action)
        _translate(page, locale_en, item["en"])
        _translate(page, locale_fa, persian_fields(item["en"]))

    _grant_editor_rights(editor_group, (home, home_en, home_fa))
    return home


def _set_site_root(home, program):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                            site_name=program.name_tr)
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.site_name = program.name_tr
        site.save()
        if welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()


def _grant_editor_rights(editor_group, homes):
    # Each language's home page is its own tree root, so editors get rights on each.
    for page in homes:
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


DIRECTORY_PAGE = {
    "tr": {"title": "Firma rehberi", "slug": "firma-rehberi",
           "intro": "<p>Programa katılan ve listelenmeyi kabul eden Kayserili üreticiler: ne "
                    "ürettikleri, hangi malzeme ve süreçlerle çalıştıkları, belgeleri ve "
                    "kapasiteleri. Talebinizi program ofisi uygun firmalara iletir.</p>",
           "search_description": "Kayserili üreticileri ürün, malzeme, süreç ve ilçeye göre "
                                 "arayın; program ofisine talep gönderin."},
    "en": {"title": "Capability directory", "slug": "directory",
           "intro": "<p>Kayseri manufacturers of the programme that agreed to be listed: what "
                    "they make, the materials and processes they work with, their "
                    "certifications and capacity. The programme office forwards your enquiry "
                    "to the firms that fit.</p>",
           "search_description": "Search Kayseri manufacturers by product, material, process "
                                 "and district; send the programme office an enquiry."},
}


@pages_indexed_once()
def _seed_section(home, page_class, fields):
    """A section page under ``home`` (the Turkish home page), in the menu, and its English
    and Persian translations; running it again changes nothing."""
    page = _child(home, page_class, fields["tr"])
    locale_en, _created = Locale.objects.get_or_create(language_code="en")
    _translate(page, locale_en, fields["en"])
    locale_fa, _created = Locale.objects.get_or_create(language_code="fa")
    _translate(page, locale_fa, persian_fields(fields["en"]))
    return page


def seed_directory_page(home):
    return _seed_section(home, DirectoryPage, DIRECTORY_PAGE)


ZONES_PAGE = {
    "tr": {"title": "Sanayi bölgeleri", "slug": "sanayi-bolgeleri",
           "intro": "<p>Programın organize sanayi bölgeleri ve küçük sanayi siteleri: "
                    "bölgenin firmaları, rakamları, açık iş ilanları ve kariyer portalı.</p>",
           "search_description": "Organize sanayi bölgeleri: firmalar, bölge rakamları, "
                                 "açık iş ilanları ve işe yerleştirmeler."},
    "en": {"title": "Industrial zones", "slug": "industrial-zones",
           "intro": "<p>The programme's organised industrial zones and small-industry sites: "
                    "their firms, their figures, open vacancies and the career portal.</p>",
           "search_description": "Organised industrial zones: firms, zone figures, open "
                                 "vacancies and placements."},
}


def seed_zones_page(home):
    return _seed_section(home, ZonesPage, ZONES_PAGE)
