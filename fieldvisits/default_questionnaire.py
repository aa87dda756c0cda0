"""The default visit questionnaire that ``seed_demo`` loads: one published version, in
Turkish with its English translation (``ENGLISH``, keyed by the Turkish text)."""

from django.db import transaction

from fieldvisits.dimensions import Dimension
from fieldvisits.models import Question, Questionnaire, QuestionnaireVersion, Section

K = Question.Kind

REGIONS = "\n".join([
    "eu|Avrupa Birliği", "middle_east|Orta Doğu", "north_africa|Kuzey Afrika",
    "africa|Sahra Altı Afrika", "central_asia|Orta Asya ve Kafkasya", "russia|Rusya",
    "americas|Amerika", "far_east|Uzak Doğu",
])
OBSTACLES = "\n".join([
    "finance|Finansman ve likidite", "marketing|Pazarlama", "certification|Belgelendirme",
    "logistics|Lojistik", "staff|Nitelikli personel",
])
SUPPORT = "\n".join([
    "training|Eğitim", "export_promotion|Yurt dışı tanıtım ve fuar",
    "certification|Belgelendirme desteği", "digital|Dijital dönüşüm",
    "finance|Finansmana erişim", "cluster|Kümelenme ve iş birliği",
    "consulting|Danışmanlık",
])
DIMENSION_QUESTIONS = {
    Dimension.PRODUCTIVITY: "Verimlilik düzeyi",
    Dimension.DIGITALISATION: "Dijitalleşme düzeyi",
    Dimension.GREEN: "Yeşil dönüşüm düzeyi",
    Dimension.RND: "Ar-Ge ve inovasyon düzeyi",
    Dimension.INSTITUTIONALISATION: "Kurumsallaşma düzeyi",
    Dimension.EXPORT_READINESS: "İhracata hazırlık düzeyi",
    Dimension.CLUSTERING: "Kümelenme ve iş birliği düzeyi",
}
OCCUPATIONS = [
    ("welder", "Kaynakçı"), ("cnc_operator", "CNC operatörü"), ("turner", "Tornacı"),
    ("software_developer", "Yazılımcı"), ("designer", "Tasarımcı"), ("other", "Diğer"),
]

# Turkish text → English: section titles, questions, help texts, units and option lists.
ENGLISH = {
    "Verimlilik düzeyi": "Productivity",
    "Dijitalleşme düzeyi": "Digitalisation",
    "Yeşil dönüşüm düzeyi": "Green transformation",
    "Ar-Ge ve inovasyon düzeyi": "R&D and innovation",
    "Kurumsallaşma düzeyi": "Institutionalisation",
    "İhracata hazırlık düzeyi": "Export readiness",
    "Kümelenme ve iş birliği düzeyi": "Clustering and cooperation",
    "1 = çok zayıf, 5 = çok güçlü": "1 = very weak, 5 = very strong",
    "Yedi boyutta olgunluk": "Maturity in seven dimensions",
    "Kapasite ve dış ticaret": "Capacity and foreign trade",
    "Kapasite kullanım oranı": "Capacity utilisation",
    "İhracatın cirodaki payı": "Exports as a share of turnover",
    "İthalatın cirodaki payı": "Imports as a share of turnover",
    "Geçen yılın cirosu": "Last year's turnover",
    "milyon TL": "million TRY",
    "İhracat yapılan ülke sayısı": "Number of destination countries",
    "Mevcut ihracat pazarları": "Current export markets",
    "Hedef pazarlar": "Target markets",
    "Engeller": "Obstacles",
    "Firmanın karşılaştığı engeller": "Obstacles the firm faces",
    "En önemli engel": "The main obstacle",
    "İşgücü ihtiyacı": "Workforce needs",
    "İhtiyaç duyulan kaynakçı sayısı": "Welders needed",
    "İhtiyaç duyulan cnc operatörü sayısı": "CNC operators needed",
    "İhtiyaç duyulan tornacı sayısı": "Turners needed",
    "İhtiyaç duyulan yazılımcı sayısı": "Software developers needed",
    "İhtiyaç duyulan tasarımcı sayısı": "Designers needed",
    "İhtiyaç duyulan diğer sayısı": "Other staff needed",
    "kişi": "people",
    "Diğer meslek(ler)": "Other occupation(s)",
    "Destek talepleri ve notlar": "Support requested and notes",
    "Talep edilen destekler": "Support requested",
    "Ar-Ge veya tasarım birimi var mı?": "Does the firm have an R&D or design unit?",
    "Takip görüşmesi tarihi": "Date of the follow-up meeting",
    "Notlar": "Notes",
    REGIONS: "\n".join([
        "eu|European Union", "middle_east|Middle East", "north_africa|North Africa",
        "africa|Sub-Saharan Africa", "central_asia|Central Asia and the Caucasus",
        "russia|Russia", "americas|The Americas", "far_east|Far East",
    ]),
    OBSTACLES: "\n".join([
        "finance|Finance and liquidity", "marketing|Marketing", "certification|Certification",
        "logistics|Logistics", "staff|Skilled staff",
    ]),
    SUPPORT: "\n".join([
        "training|Training", "export_promotion|Promotion abroad and trade fairs",
        "certification|Certification support", "digital|Digital transformation",
        "finance|Access to finance", "cluster|Clustering and cooperation",
        "consulting|Consultancy",
    ]),
}

# (section title, [(code, text, kind, required, extra fields)])
SECTIONS = [
    ("Yedi boyutta olgunluk", [
        (f"maturity_{dim.value}", text, K.SCALE, True,
         {"help_text": "1 = çok zayıf, 5 = çok güçlü"})
        for dim, text in DIMENSION_QUESTIONS.items()
    ]),
    ("Kapasite ve dış ticaret", [
        ("capacity_utilisation", "Kapasite kullanım oranı", K.PERCENTAGE, True, {"unit": "%"}),
        ("export_share", "İhracatın cirodaki payı", K.PERCENTAGE, True, {"unit": "%"}),
        ("import_share", "İthalatın cirodaki payı", K.PERCENTAGE, False, {"unit": "%"}),
        ("turnover_m_try", "Geçen yılın cirosu", K.DECIMAL, False,
         {"unit": "milyon TL", "min_value": 0, "max_value": 100000}),
        ("export_market_count", "İhracat yapılan ülke sayısı", K.INTEGER, False,
         {"min_value": 0, "max_value": 200}),
        ("export_markets", "Mevcut ihracat pazarları", K.MULTIPLE_CHOICE, False,
         {"choices": REGIONS}),
        ("target_markets", "Hedef pazarlar", K.MULTIPLE_CHOICE, False, {"choices": REGIONS}),
    ]),
    ("Engeller", [
        ("obstacles", "Firmanın karşılaştığı engeller", K.MULTIPLE_CHOICE, True,
         {"choices": OBSTACLES}),
        ("main_obstacle", "En önemli engel", K.SINGLE_CHOICE, True, {"choices": OBSTACLES}),
    ]),
    ("İşgücü ihtiyacı", [
        (f"workforce_{code}", f"İhtiyaç duyulan {label.lower()} sayısı", K.INTEGER, False,
         {"min_value": 0, "max_value": 500, "unit": "kişi"})
        for code, label in OCCUPATIONS
    ] + [
        ("workforce_other_occupation", "Diğer meslek(ler)", K.TEXT, False, {}),
    ]),
    ("Destek talepleri ve notlar", [
        ("support_requested", "Talep edilen destekler", K.MULTIPLE_CHOICE, False,
         {"choices": SUPPORT}),
        ("has_rnd_unit", "Ar-Ge veya tasarım birimi var mı?", K.YES_NO, False, {}),
        ("follow_up_date", "Takip görüşmesi tarihi", K.DATE, False, {}),
        ("notes", "Notlar", K.TEXT, False, {}),
    ]),
]


@transaction.atomic
def load_default_questionnaire(program):
    """The programme's default questionnaire with a published version 1 (created once)."""
    questionnaire, _created = Questionnaire.objects.get_or_create(
        program=program, name="Saha ziyareti anketi")
    version = questionnaire.versions.filter(number=1).first()
    if version is not None:
        return version
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    for order, (title, questions) in enumerate(SECTIONS, start=1):
        section = Section.objects.create(version=version, order=order, title_tr=title,
                                         title_en=ENGLISH[title])
        Question.objects.bulk_create(
            Question(section=section, order=index, code=code, text_tr=text,
                     text_en=ENGLISH[text], kind=kind, required=required,
                     **_with_english(extra))
            for index, (code, text, kind, required, extra) in enumerate(questions, start=1)
        )
    version.publish()
    return version


def _with_english(extra):
    """``extra``'s texts as Turkish columns beside their English ones."""
    columns = {}
    for name, value in extra.items():
        if name in ("help_text", "unit", "choices"):
            columns[f"{name}_tr"] = value
            columns[f"{name}_en"] = ENGLISH.get(value, value)
        else:
            columns[name] = value
    return columns
