"""Demo data: the cluster programme of Iran's small-industries and industrial-parks
organisation in Qom province, recorded in Persian (the programme's own language) and in
rials. Its national funnel (389 clusters identified, 68 completed) is the programme's
baseline; Qom's six clusters, its industrial parks, consortium budgets of up to
3 billion rials and the 50 % trade-fair discount are its own rows. Idempotent: a second
run finds its rows and adds nothing.

Content the public pages print (the programme's name and description, cluster names and
descriptions, the plan, its actions, indicators, support titles) is written in Persian,
Turkish and English: the installation's readers use all three, so no page falls back to
another language for these rows. Institutions and parks are proper names, kept in Persian.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from clusters.demo import _approve_cluster_plan, _scores, _walk
from clusters.models import (
    Cluster,
    ClusterInformationCentre,
    CriteriaWeights,
    Criterion,
    SupportDelivery,
)
from core.money import Currency
from tracker.access import Role
from tracker.models import (
    Action,
    Goal,
    Indicator,
    Institution,
    Membership,
    Pillar,
    PlanVersion,
    Program,
)
from zones.models import Zone

S = Cluster.Stage
K = Institution.Kind
SLUG = "qom-khooshe"
ORGANISATION = "سازمان صنایع کوچک و شهرک‌های صنعتی ایران"
SOURCE = f"{ORGANISATION}، گزارش برنامه توسعه خوشه‌های صنعتی"

# The programme's name and description: Persian (the original), Turkish, English.
PROGRAMME_NAMES = ("برنامه توسعه خوشه‌های صنعتی استان قم",
                   "Kum İli Sanayi Kümeleri Geliştirme Programı",
                   "Qom Province Industrial Cluster Development Programme")
PROGRAMME_DESCRIPTIONS = (
    f"برنامه توسعه خوشه‌های صنعتی {ORGANISATION} در استان قم: "
    "شناسایی، تحلیل، انتخاب و اجرای برنامه اقدام خوشه‌ها.",
    "İran Küçük Sanayiler ve Sanayi Siteleri Kurumu'nun Kum ilindeki sanayi kümeleri "
    "geliştirme programı: kümelerin belirlenmesi, analizi, seçimi ve eylem planlarının "
    "uygulanması.",
    "The industrial cluster development programme of Iran's Small Industries and "
    "Industrial Parks Organisation in Qom province: identifying, analysing and selecting "
    "clusters and carrying out their action plans.")

EVIDENCE = {
    Criterion.ECONOMIC_IMPACT: ("سهم بالای خوشه در اشتغال صنعتی و صادرات استان قم.",
                                "سالنامه آماری استان قم، ۱۴۰۲"),
    Criterion.DEMAND: ("تقاضای بازارهای عراق، افغانستان و کشورهای حاشیه خلیج فارس رو به رشد است.",
                       "آمار گمرک جمهوری اسلامی ایران، ۱۳۹۸–۱۴۰۲"),
    Criterion.NETWORKING: ("بنگاه‌ها به خرید مشترک و حضور مشترک در نمایشگاه‌ها تمایل دارند.",
                           "جلسات هم‌اندیشی با بنگاه‌های خوشه"),
    Criterion.FACTOR_CONDITIONS: ("زمین و زیرساخت شهرک‌های صنعتی شکوهیه و محمودآباد آماده است.",
                                  "شرکت شهرک‌های صنعتی استان قم"),
}
NOTES = {"analysed": "چهار معیار امتیازدهی شد.",
         "completed": "برنامه اقدام خوشه اجرا شد و گزارش پایانی منتشر شد."}

INSTITUTIONS = [
    (ORGANISATION, "ISIPO", K.AGENCY),
    ("شرکت شهرک‌های صنعتی استان قم", "شهرک‌های صنعتی قم", K.AGENCY),
    ("اتاق بازرگانی، صنایع، معادن و کشاورزی قم", "اتاق قم", K.CHAMBER),
    ("دانشگاه قم", "دانشگاه قم", K.UNIVERSITY),
]

# name, slug, district, founded (Gregorian year), area in hectares, profile
# The parks: (Persian, Turkish, English) names, slug, district, founded, area (ha) and
# (Persian, Turkish, English) profiles.
PARKS = [
    (("شهرک صنعتی شکوهیه", "Şükuhiye Sanayi Sitesi", "Shokouhieh Industrial Park"),
     "shokouhieh", "قم", 1989, Decimal("1980.0"),
     ("بزرگ‌ترین شهرک صنعتی استان؛ مبلمان، کفش، قطعات خودرو و صنایع غذایی.",
      "İlin en büyük sanayi sitesi: mobilya, ayakkabı, otomotiv parçaları ve gıda sanayii.",
      "The province's largest industrial park: furniture, footwear, car parts and food.")),
    (("شهرک صنعتی محمودآباد", "Mahmudabad Sanayi Sitesi", "Mahmudabad Industrial Park"),
     "mahmudabad", "قم", 1997, Decimal("260.0"),
     ("کارگاه‌های سنگبری و فرآوری سنگ ساختمانی.",
      "Taş kesme ve yapı taşı işleme atölyeleri.",
      "Stone-cutting and building-stone processing workshops.")),
    (("منطقه ویژه اقتصادی سلفچگان", "Selefçegan Özel Ekonomik Bölgesi",
      "Salafchegan Special Economic Zone"),
     "salafchegan", "سلفچگان", 2006, Decimal("3500.0"),
     ("منطقه ویژه اقتصادی در جنوب غربی استان برای صنایع صادرات‌محور.",
      "İlin güneybatısında ihracata yönelik sanayiler için özel ekonomik bölge.",
      "A special economic zone in the south-west of the province for export industries.")),
]

# Persian (the original), Turkish and English names; NACE codes, stage reached, scores
# E/D/N/F, reason (selection or dropping). The installation's readers are Turkish and
# English as well as Persian, so every name the public pages print has all three.
CLUSTERS = [
    (("خوشه مبلمان قم", "Kum mobilya kümesi", "Qom furniture cluster"),
     "31.01, 31.09", S.COMPLETED, (5, 4, 5, 4), ""),
    (("خوشه کفش قم", "Kum ayakkabı kümesi", "Qom footwear cluster"),
     "15.20", S.IMPLEMENTING, (5, 4, 4, 4), ""),
    (("خوشه سنگ ساختمانی قم", "Kum yapı taşı kümesi", "Qom building stone cluster"),
     "23.70", S.IMPLEMENTING, (4, 4, 4, 5), ""),
    (("خوشه سوهان قم", "Kum sohan tatlısı kümesi", "Qom sohan confectionery cluster"),
     "10.82", S.ACTION_PLAN, (4, 5, 4, 3), ""),
    (("خوشه فرش دستباف ابریشمی قم", "Kum el dokuması ipek halı kümesi",
      "Qom hand-woven silk carpet cluster"), "13.93", S.SELECTED, (4, 4, 3, 3), ""),
    (("خوشه قطعات خودرو قم", "Kum otomotiv parçaları kümesi", "Qom car parts cluster"),
     "29.32", S.ANALYSED, (3, 3, 3, 4), ""),
]

# The national funnel, as the organisation reports it: the programme's baseline.
# code, name (fa, tr, en), unit (fa, tr, en), value
BASELINE = [
    ("N.1", ("خوشه‌های شناسایی‌شده در کشور", "Ülke genelinde belirlenen kümeler",
             "Clusters identified nationally"), ("خوشه", "küme", "clusters"), 389),
    ("N.2", ("خوشه‌های تکمیل‌شده در کشور", "Ülke genelinde tamamlanan kümeler",
             "Clusters completed nationally"), ("خوشه", "küme", "clusters"), 68),
]
SOURCE_LANGUAGES = (SOURCE, "İran Küçük Sanayiler ve Sanayi Siteleri Kurumu, sanayi "
                    "kümeleri geliştirme programı raporu",
                    "Iran Small Industries and Industrial Parks Organisation, industrial "
                    "cluster development programme report")

# cluster index, instrument, title (fa, tr, en), amount in rials, places, provider index
SUPPORT = [
    (0, SupportDelivery.Kind.CONSORTIUM_BUDGET,
     ("بودجه کنسرسیوم صادراتی مبلمان قم", "Kum mobilya ihracat konsorsiyumu bütçesi",
      "Qom furniture export consortium budget"), Decimal("3000000000"), None, 0),
    (1, SupportDelivery.Kind.CONSORTIUM_BUDGET,
     ("بودجه کنسرسیوم صادراتی کفش قم", "Kum ayakkabı ihracat konsorsiyumu bütçesi",
      "Qom footwear export consortium budget"), Decimal("2400000000"), None, 0),
    (1, SupportDelivery.Kind.TRADE_FAIR_DISCOUNT,
     ("تخفیف ۵۰ درصدی هزینه غرفه در نمایشگاه بین‌المللی کفش",
      "Uluslararası ayakkabı fuarında stant bedeline %50 indirim",
      "50 % discount on the stand at the international footwear fair"),
     Decimal("850000000"), None, 2),
    (2, SupportDelivery.Kind.TRADE_FAIR_DISCOUNT,
     ("تخفیف ۵۰ درصدی هزینه غرفه در نمایشگاه سنگ", "Taş fuarında stant bedeline %50 indirim",
      "50 % discount on the stand at the stone fair"), Decimal("600000000"), None, 2),
    (2, SupportDelivery.Kind.TRAINING_PLACES,
     ("دوره آموزشی بازاریابی صادراتی سنگ", "Taş ihracat pazarlaması eğitimi",
      "Export marketing course for stone firms"), None, 30, 3),
]

ACTIONS = [
    (("تشکیل کنسرسیوم‌های صادراتی", "İhracat konsorsiyumlarının kurulması",
      "Forming export consortia"), 60),
    (("حضور مشترک در نمایشگاه‌های بین‌المللی", "Uluslararası fuarlara ortak katılım",
      "Joint stands at international fairs"), 45),
    (("آموزش و مشاوره بنگاه‌های خوشه", "Küme firmalarına eğitim ve danışmanlık",
      "Training and advice for the clusters' firms"), 70),
]


def _languages(base, texts):
    """``{base_fa: …, base_tr: …, base_en: …}`` from a (Persian, Turkish, English) triple."""
    persian, turkish, english = texts
    return {f"{base}_fa": persian, f"{base}_tr": turkish, f"{base}_en": english}


def _institution(program, name, short_name, kind):
    institution, _created = Institution.objects.get_or_create(
        program=program, name=name, defaults={"short_name": short_name, "kind": kind})
    return institution


def _plan_goal(program, lead, today):
    """The programme's approved plan: one pillar, one goal whose actions every Qom cluster
    carries out from its action plan on."""
    plan = PlanVersion.objects.filter(program=program).first()
    if plan is None:
        plan = PlanVersion.objects.create(
            program=program, number=1, **_languages("title", (
                "برنامه اقدام خوشه‌های صنعتی قم", "Kum sanayi kümeleri eylem planı",
                "Qom industrial clusters action plan")))
    pillar, _created = Pillar.objects.get_or_create(
        plan=plan, code="Q", defaults={"order": 1, **_languages("name", (
            "توسعه خوشه‌ای", "Küme gelişimi", "Cluster development"))})
    goal, created = Goal.objects.get_or_create(
        pillar=pillar, code="Q.1", defaults={"order": 1, **_languages("title", (
            "اجرای برنامه‌های اقدام خوشه‌ها", "Küme eylem planlarının uygulanması",
            "Carrying out the clusters' action plans"))})
    if created:
        for number, (titles, progress) in enumerate(ACTIONS, start=1):
            Action.objects.create(
                goal=goal, code=f"Q.1.{number}", **_languages("title", titles), lead=lead,
                start_date=today - datetime.timedelta(days=300),
                end_date=today + datetime.timedelta(days=200), progress_entered=progress,
                progress_reason="گزارش سه‌ماهه کارگزار توسعه خوشه.")
    return goal


def seed_qom_programme(today, by):
    """The Qom cluster programme in rials, with ``by`` as its coordinator; returns the
    programme and its clusters."""
    with transaction.atomic():
        program, _created = Program.objects.get_or_create(
            slug=SLUG,
            defaults={
                **_languages("name", PROGRAMME_NAMES), "province": "قم",
                "country": Program.Country.IR, "currency": Currency.IRR,
                # 1403/01/01 – 1405/12/29 in the Solar Hijri calendar.
                "start_date": datetime.date(2024, 3, 20),
                "end_date": datetime.date(2027, 3, 20),
                **_languages("description", PROGRAMME_DESCRIPTIONS),
                "target_firms_assessed": 0, "target_visits": 0})
        Membership.objects.get_or_create(user=by, program=program, role=Role.COORDINATOR)
        institutions = [_institution(program, *row) for row in INSTITUTIONS]
        for names, slug, district, founded, area, profiles in PARKS:
            Zone.objects.get_or_create(
                program=program, slug=slug,
                defaults={**_languages("name", names), **_languages("description", profiles),
                          "province": "قم", "district": district, "founded": founded,
                          "area_hectares": area})
        centre, _created = ClusterInformationCentre.objects.get_or_create(
            program=program, name="مرکز اطلاعات خوشه‌های صنعتی قم",
            defaults={"host": institutions[1], "address": "شهرک صنعتی شکوهیه، قم"})
        CriteriaWeights.objects.get_or_create(
            program=program, defaults={"economic_impact": 30, "demand": 30, "networking": 20,
                                       "factor_conditions": 20, "proposed_count": 5})
        for code, names, units, value in BASELINE:
            Indicator.objects.get_or_create(
                program=program, code=code,
                defaults={**_languages("name", names), **_languages("unit", units),
                          **_languages("baseline_source", SOURCE_LANGUAGES),
                          "baseline_value": Decimal(value), "baseline_year": 2024})
        goal = _plan_goal(program, institutions[0], today)
        clusters, new = [], []
        for names, codes, stage, scores, reason in CLUSTERS:
            persian, turkish, english = names
            cluster, created = Cluster.objects.get_or_create(
                program=program, name_fa=persian,
                defaults={**_languages("name", names), "nace_codes": codes, "centre": centre,
                          **_languages("description", (
                              f"{persian} در شهرک‌های صنعتی استان قم.",
                              f"{turkish}, Kum ilinin sanayi bölgelerinde.",
                              f"The {english} in the industrial parks of Qom province."))})
            clusters.append(cluster)
            if created:
                _scores(cluster, scores, EVIDENCE)
                new.append((cluster, stage, reason))
        for cluster, stage, reason in new:
            _walk(cluster, stage, by, goal=goal, reason=reason, notes=NOTES)
        _approve_cluster_plan(program, by)
        for index, kind, titles, amount, places, provider in SUPPORT:
            SupportDelivery.objects.get_or_create(
                cluster=clusters[index], kind=kind, title_fa=titles[0],
                defaults={**_languages("title", titles), "amount": amount, "places": places,
                          "provider": institutions[provider],
                          "delivered_on": today - datetime.timedelta(days=60 + 20 * index)})
    return program, clusters
