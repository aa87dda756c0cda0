"""Demo data of the Kayseri field study: firms with capabilities, desk assessments,
the visit selection, the default questionnaire, visits with answers and findings.

Generated from a fixed random seed, so every run produces the same firms with the
same valid tax numbers; existing rows are never touched, so a second run adds
nothing. ``scale`` multiplies the number of firms and visits (for benchmarks).
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from fieldvisits.default_questionnaire import load_default_questionnaire
from fieldvisits.dimensions import Dimension
from fieldvisits.models import (
    Answer,
    Assessment,
    Capability,
    Finding,
    Firm,
    Question,
    ReviewComment,
    SelectionDecision,
    Visit,
    VisitEvent,
)
from fieldvisits.models.firms import priority_score
from fieldvisits.search import fold_turkish
from fieldvisits.sectors import NACE_LABELS
from fieldvisits.services import propose_selection
from fieldvisits.validators import vkn_check_digit
from tracker.access import Role
from tracker.models import Action, PlanVersion

FIRMS_PER_SCALE = 2150
VISITS_PER_SCALE = 450

DISTRICTS = [
    ("Kocasinan", 34), ("Melikgazi", 30), ("Talas", 8), ("İncesu", 6), ("Hacılar", 5),
    ("Develi", 4), ("Bünyan", 3), ("Yahyalı", 2), ("Tomarza", 2), ("Pınarbaşı", 1),
    ("Yeşilhisar", 1), ("Sarıoğlan", 1), ("Felahiye", 1), ("Özvatan", 1), ("Sarız", 1),
    ("Akkışla", 1),
]

# Weights follow Kayseri's manufacturing mix: furniture, metal, machinery, textiles, food.
SECTOR_WEIGHTS = {
    "31.01": 6, "31.02": 5, "31.03": 5, "31.09": 8, "25.11": 7, "25.62": 6, "25.72": 2,
    "25.99": 5, "28.22": 2, "28.25": 2, "28.30": 3, "28.92": 2, "29.32": 3, "27.11": 2,
    "27.32": 2, "27.51": 3, "24.10": 2, "24.42": 1, "22.21": 2, "22.29": 3, "20.30": 1,
    "23.32": 1, "23.61": 2, "16.10": 2, "16.21": 2, "13.20": 4, "13.93": 2, "14.13": 4,
    "10.13": 3, "10.51": 2, "10.61": 2, "10.71": 1, "10.81": 1,
}
assert set(SECTOR_WEIGHTS) <= set(NACE_LABELS)

SECTOR_WORDS = {
    "31": ["Mobilya", "Yatak", "Ev Tekstili ve Mobilya", "Ahşap Mobilya"],
    "25": ["Metal", "Çelik Konstrüksiyon", "Makine Parça", "Hırdavat"],
    "28": ["Makine", "Tarım Makineleri", "İş Makineleri"],
    "29": ["Otomotiv Yan Sanayi"],
    "27": ["Elektrik", "Kablo", "Elektromekanik"],
    "24": ["Demir Çelik", "Alüminyum"],
    "22": ["Plastik", "Ambalaj"],
    "20": ["Kimya", "Boya"],
    "23": ["Yapı Malzemeleri", "Beton"],
    "16": ["Orman Ürünleri", "Ahşap"],
    "13": ["Tekstil", "Halı", "Dokuma"],
    "14": ["Konfeksiyon", "Giyim"],
    "10": ["Gıda", "Süt Ürünleri", "Et Ürünleri", "Un"],
}
NAME_WORDS = [
    "Erciyes", "Argeus", "Kapadokya", "Kızılırmak", "Anadolu", "Ali Dağı", "Sultan", "Mimar",
    "Hunat", "Gevher", "Talas", "Kale", "Yıldız", "Demir", "Kaya", "Şahin", "Çelik", "Aydın",
    "Öztürk", "Arslan", "Doğan", "Kılıç", "Çetin", "Koç", "Kurt", "Özdemir", "Şimşek", "Polat",
    "Güneş", "Akın", "Ilgın", "Işık", "Ağaoğlu", "Gündoğdu", "Sarıkaya", "Ünal", "Er", "Başak",
]
INDUSTRIAL_ZONES = ["Kayseri OSB", "Mimarsinan OSB", "İncesu OSB", "Hacılar OSB",
                    "Kayseri Serbest Bölge"]
CONTACT_NAMES = ["Mehmet", "Ayşe", "Mustafa", "Fatma", "İsmail", "Zeynep", "Hüseyin", "Şule",
                 "Ömer", "Gülşen", "Uğur", "Çağla"]
LEGAL_FORMS = ["San. ve Tic. A.Ş.", "San. ve Tic. Ltd. Şti.", "A.Ş.", "Ltd. Şti."]

# Realistic mix of visit states at the end of the field study.
VISIT_STATUS_WEIGHTS = [
    (Visit.Status.APPROVED, 52), (Visit.Status.SUBMITTED, 12), (Visit.Status.RETURNED, 3),
    (Visit.Status.IN_PROGRESS, 5), (Visit.Status.SCHEDULED, 17), (Visit.Status.PLANNED, 6),
    (Visit.Status.CANCELLED, 3), (Visit.Status.NO_SHOW, 2),
]
# The day the demo is staged around unless the caller names one (``seed_demo`` names the
# day it runs): visits done are in the past, some are today, the rest ahead.
DEMO_TODAY = datetime.date(2026, 11, 23)
FIELD_STUDY_DAYS = 120
# Scheduled visits each agent has on the demo's day.
VISITS_TODAY_PER_AGENT = 3
DONE_STATUSES = (Visit.Status.SUBMITTED, Visit.Status.APPROVED, Visit.Status.RETURNED)
CLOSED_STATUSES = (Visit.Status.CANCELLED, Visit.Status.NO_SHOW)


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def generate_firms(program, count, rng):
    tax_numbers = set()
    firms = []
    sectors = list(SECTOR_WEIGHTS.items())
    while len(firms) < count:
        prefix = f"{rng.randrange(10**8, 10**9):09d}"
        tax_number = prefix + str(vkn_check_digit(prefix))
        if tax_number in tax_numbers:
            continue
        tax_numbers.add(tax_number)
        nace_code = _weighted(rng, sectors)
        employees = max(5, int(rng.lognormvariate(3.4, 1.0)))
        name = " ".join([
            rng.choice(NAME_WORDS),
            rng.choice(SECTOR_WORDS[nace_code[:2]]),
            rng.choice(LEGAL_FORMS),
        ])
        is_exporter = rng.random() < min(0.9, 0.25 + employees / 400)
        export_share = rng.randrange(5, 80) if is_exporter else 0
        firms.append(Firm(
            program=program, tax_number=tax_number, trade_name=name,
            trade_name_folded=fold_turkish(name), nace_code=nace_code,
            district=_weighted(rng, DISTRICTS), employees=employees,
            industrial_zone=rng.choice(INDUSTRIAL_ZONES) if rng.random() < 0.6 else "",
            founding_year=rng.randrange(1960, 2022),
            is_exporter=is_exporter,
            export_value_usd=(
                Decimal(int(employees * rng.uniform(8_000, 60_000))) if is_exporter else None
            ),
            export_market_count=rng.randrange(1, 40) if is_exporter else 0,
            capacity_utilisation_pct=rng.randrange(35, 96),
            export_share_pct=export_share,
            import_share_pct=rng.randrange(0, 40),
            contact_person=f"{rng.choice(CONTACT_NAMES)} {rng.choice(NAME_WORDS)}",
            consents_to_contact=rng.random() < 0.8,
            **_demo_place(tax_number),
        ))
    return firms


def _demo_place(tax_number):
    """Address, phone and position around Kayseri, from the tax number (a generator of
    its own, so that the rest of the demo stays as it was)."""
    place = random.Random(tax_number)
    return {
        "address": f"{place.randrange(1, 40)}. Cadde No: {place.randrange(1, 120)}",
        "phone": f"0352 {place.randrange(200, 400)} {place.randrange(10, 99)} "
                 f"{place.randrange(10, 99)}",
        "latitude": Decimal(f"{38.62 + place.random() * 0.2:.6f}"),
        "longitude": Decimal(f"{35.35 + place.random() * 0.3:.6f}"),
    }


@transaction.atomic
def field_study_start(today):
    return today - datetime.timedelta(days=FIELD_STUDY_DAYS)


def _visit_date(rng, status, today, agent_today_count):
    """A scheduled date that fits ``status`` as seen on ``today``: done and closed visits
    in the past (answered ones at least four days back, so their submission is too), a
    few scheduled visits today for each agent, the other scheduled visits ahead."""
    days = datetime.timedelta
    if status == Visit.Status.PLANNED:
        return None
    if status in DONE_STATUSES:
        return today - days(rng.randrange(4, FIELD_STUDY_DAYS))
    if status in CLOSED_STATUSES:
        return today - days(rng.randrange(1, FIELD_STUDY_DAYS))
    if status == Visit.Status.IN_PROGRESS:
        return today - days(rng.randrange(0, 3))
    if agent_today_count < VISITS_TODAY_PER_AGENT:
        return today
    return today + days(rng.randrange(1, 45))


def seed_field_study(program, agents, scale=1, seed=2026, today=None):
    """Create ``2150 × scale`` assessed firms, select ``450 × scale`` of them and give
    each selected firm a visit split between ``agents``, dated around ``today``."""
    today = today or DEMO_TODAY
    rng = random.Random(seed)
    firms = generate_firms(program, FIRMS_PER_SCALE * scale, rng)
    Firm.objects.bulk_create(firms, batch_size=1000, ignore_conflicts=True)
    firm_count = Firm.objects.filter(program=program).count()
    supervisor = _member(program, Role.SUPERVISOR) or agents[0]
    version = load_default_questionnaire(program)
    seed_capabilities(program, rng)
    seed_assessments(program, supervisor, rng, today)
    undecided = Firm.objects.filter(program=program, assessment__isnull=False,
                                    selection__isnull=True)
    if undecided.exists():
        propose_selection(program=program, total=VISITS_PER_SCALE * scale, by=supervisor)
    visited = set(Visit.objects.filter(program=program).values_list("firm_id", flat=True))
    selected = (
        SelectionDecision.objects.filter(firm__program=program, decision="selected")
        .exclude(firm_id__in=visited).order_by("overall_rank").values_list("firm_id", flat=True)
    )
    visits = []
    today_counts = {}
    for index, firm_id in enumerate(selected):
        status = _weighted(rng, VISIT_STATUS_WEIGHTS)
        planned = status == Visit.Status.PLANNED
        agent = None if planned else agents[index % len(agents)]
        date = _visit_date(rng, status, today, today_counts.get(agent, 0))
        if status == Visit.Status.SCHEDULED and date == today:
            today_counts[agent] = today_counts.get(agent, 0) + 1
        visits.append(Visit(program=program, firm_id=firm_id, agent=agent,
                            scheduled_date=date, status=status,
                            scheduled_time=datetime.time(9 + firm_id % 8, 30 * (firm_id % 2))
                            if date else None))
    Visit.objects.bulk_create(visits, batch_size=1000)
    seed_answers(program, version, supervisor, rng, today)
    seed_visit_history(program, supervisor, today)
    return {"firms": firm_count, "visits": len(visited) + len(visits)}


S = Visit.Status
# The states each demo visit went through to reach its status: (from, to, who, days after
# the scheduled date, note).
VISIT_PATHS = {
    S.SCHEDULED: [(S.PLANNED, S.SCHEDULED, "supervisor", -14, "")],
    S.IN_PROGRESS: [(S.PLANNED, S.SCHEDULED, "supervisor", -14, ""),
                    (S.SCHEDULED, S.IN_PROGRESS, "agent", 0, "")],
    S.SUBMITTED: [(S.PLANNED, S.SCHEDULED, "supervisor", -14, ""),
                  (S.SCHEDULED, S.IN_PROGRESS, "agent", 0, ""),
                  (S.IN_PROGRESS, S.SUBMITTED, "agent", 1, "")],
    S.RETURNED: [(S.PLANNED, S.SCHEDULED, "supervisor", -14, ""),
                 (S.SCHEDULED, S.IN_PROGRESS, "agent", 0, ""),
                 (S.IN_PROGRESS, S.SUBMITTED, "agent", 1, ""),
                 (S.SUBMITTED, S.RETURNED, "supervisor", 3, "")],
    S.APPROVED: [(S.PLANNED, S.SCHEDULED, "supervisor", -14, ""),
                 (S.SCHEDULED, S.IN_PROGRESS, "agent", 0, ""),
                 (S.IN_PROGRESS, S.SUBMITTED, "agent", 1, ""),
                 (S.SUBMITTED, S.APPROVED, "supervisor", 4, "")],
    S.CANCELLED: [(S.PLANNED, S.SCHEDULED, "supervisor", -14, ""),
                  (S.SCHEDULED, S.CANCELLED, "supervisor", -2,
                   "Firma ziyareti iş yoğunluğu nedeniyle iptal etti.")],
    S.NO_SHOW: [(S.PLANNED, S.SCHEDULED, "supervisor", -14, ""),
                (S.SCHEDULED, S.NO_SHOW, "agent", 0, "Firma yetkilisi randevuda yoktu.")],
}


def seed_visit_history(program, supervisor, today=None):
    """Give demo visits without history the state changes that led to their status;
    none is dated after ``today``."""
    today = today or DEMO_TODAY
    events = []
    unrecorded = (Visit.objects.filter(program=program, events=None)
                  .exclude(scheduled_date=None).order_by("pk"))
    for visit in unrecorded.only("pk", "status", "agent_id", "scheduled_date"):
        for from_status, to_status, who, days, note in VISIT_PATHS.get(visit.status, []):
            day = min(visit.scheduled_date + datetime.timedelta(days=days), today)
            at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
            events.append(VisitEvent(
                visit_id=visit.pk, from_status=from_status, to_status=to_status,
                by_id=supervisor.pk if who == "supervisor" else visit.agent_id,
                at=at, note=note,
            ))
    VisitEvent.objects.bulk_create(events, batch_size=2000)


def _member(program, role):
    membership = program.memberships.filter(role=role).select_related("user").first()
    return membership.user if membership else None


# Capability entries per NACE division: (kind, name).
CAPABILITIES = {
    "25": [("process", "CNC talaşlı imalat"), ("process", "CNC torna"),
           ("process", "Lazer kesim"), ("process", "Kaynak"), ("process", "Sac şekillendirme"),
           ("material", "Paslanmaz çelik"), ("material", "Alüminyum"),
           ("material", "Karbon çelik"), ("product", "Çelik konstrüksiyon"),
           ("certification", "ISO 9001"), ("certification", "EN 1090")],
    "28": [("process", "CNC işleme"), ("process", "Kaynak"), ("process", "Montaj"),
           ("material", "Karbon çelik"), ("material", "Döküm"),
           ("product", "Tarım makinesi"), ("product", "Vinç ve kaldırma ekipmanı"),
           ("certification", "CE"), ("certification", "ISO 9001")],
    "29": [("process", "Plastik enjeksiyon"), ("process", "CNC işleme"),
           ("material", "Alüminyum"), ("product", "Otomotiv yedek parça"),
           ("certification", "IATF 16949")],
    "31": [("process", "Ahşap işleme"), ("process", "Döşeme"), ("process", "CNC ahşap kesim"),
           ("material", "MDF"), ("material", "Masif ahşap"), ("material", "Sünger"),
           ("product", "Koltuk takımı"), ("product", "Yatak"), ("product", "Ofis mobilyası"),
           ("certification", "ISO 9001"), ("certification", "FSC")],
    "27": [("process", "Bobinaj"), ("process", "Montaj"), ("material", "Bakır"),
           ("product", "Elektrik motoru"), ("product", "Kablo"),
           ("certification", "CE"), ("certification", "TSE")],
    "24": [("process", "Döküm"), ("process", "Haddeleme"), ("material", "Alüminyum"),
           ("material", "Paslanmaz çelik"), ("product", "Alüminyum profil")],
    "22": [("process", "Plastik enjeksiyon"), ("process", "Ekstrüzyon"),
           ("material", "Polietilen"), ("product", "Ambalaj")],
    "13": [("process", "Dokuma"), ("process", "Boyama"), ("material", "Pamuk"),
           ("material", "Polyester"), ("product", "Halı"), ("certification", "OEKO-TEX")],
    "14": [("process", "Dikim"), ("material", "Pamuk"), ("product", "Dış giyim"),
           ("certification", "OEKO-TEX")],
    "10": [("process", "Paketleme"), ("process", "Soğuk zincir"), ("product", "Pastırma"),
           ("product", "Süt ürünleri"), ("certification", "ISO 22000"),
           ("certification", "Helal")],
}
DEFAULT_CAPABILITIES = [("process", "Montaj"), ("process", "Paketleme"),
                        ("certification", "ISO 9001")]


# English names of the demo inventory's entries; certifications are named alike in both.
CAPABILITY_ENGLISH = {
    "CNC talaşlı imalat": "CNC metal cutting", "CNC torna": "CNC turning",
    "CNC işleme": "CNC machining", "Lazer kesim": "laser cutting", "Kaynak": "welding",
    "Sac şekillendirme": "sheet metal forming", "Paslanmaz çelik": "stainless steel",
    "Alüminyum": "aluminium", "Karbon çelik": "carbon steel",
    "Çelik konstrüksiyon": "steel structures", "Montaj": "assembly", "Döküm": "casting",
    "Tarım makinesi": "agricultural machinery",
    "Vinç ve kaldırma ekipmanı": "cranes and lifting equipment",
    "Plastik enjeksiyon": "plastic injection moulding",
    "Otomotiv yedek parça": "automotive spare parts", "Ahşap işleme": "woodworking",
    "Döşeme": "upholstery", "CNC ahşap kesim": "CNC wood cutting", "MDF": "MDF",
    "Masif ahşap": "solid wood", "Sünger": "foam", "Koltuk takımı": "sofa sets",
    "Yatak": "mattresses", "Ofis mobilyası": "office furniture", "Bobinaj": "coil winding",
    "Bakır": "copper", "Elektrik motoru": "electric motors", "Kablo": "cables",
    "Haddeleme": "rolling", "Alüminyum profil": "aluminium profiles",
    "Ekstrüzyon": "extrusion", "Polietilen": "polyethylene", "Ambalaj": "packaging",
    "Dokuma": "weaving", "Boyama": "dyeing", "Pamuk": "cotton", "Polyester": "polyester",
    "Halı": "carpets", "Dikim": "sewing", "Dış giyim": "outerwear",
    "Paketleme": "packing", "Soğuk zincir": "cold chain", "Pastırma": "pastırma (cured beef)",
    "Süt ürünleri": "dairy products", "Helal": "halal", "Medikal tekstil": "medical textiles",
    "Cerrahi önlük": "surgical gowns", "Flanş": "flanges", "Pik demir": "grey cast iron",
    "Sfero döküm": "ductile iron casting",
}


def capability_english(name):
    """The English name of a demo capability (a certification keeps its own)."""
    return CAPABILITY_ENGLISH.get(name, name)


def seed_capabilities(program, rng):
    firms = Firm.objects.filter(program=program).exclude(
        Exists(Capability.objects.filter(firm=OuterRef("pk")))
    ).order_by("tax_number").values_list("pk", "nace_code")
    rows = []
    for firm_id, nace_code in firms:
        options = CAPABILITIES.get(nace_code[:2], DEFAULT_CAPABILITIES)
        for kind, name in rng.sample(options, k=min(len(options), rng.randrange(2, 6))):
            rows.append(Capability(firm_id=firm_id, kind=kind, name_tr=name,
                                   name_en=capability_english(name),
                                   name_folded=fold_turkish(name)))
    Capability.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


def seed_assessments(program, assessor, rng, today=None):
    """A desk assessment for every firm of the programme that has none yet."""
    firms = Firm.objects.filter(program=program, assessment__isnull=True).order_by(
        "tax_number").values_list("pk", "employees", "is_exporter")
    rows = []
    for firm_id, employees, is_exporter in firms:
        base = 1.5 + min(2.0, (employees or 5) / 150) + (0.6 if is_exporter else 0)
        scores = {dim: max(1, min(5, round(rng.gauss(base, 0.9)))) for dim in Dimension}
        rows.append(Assessment(
            firm_id=firm_id, program=program, assessor=assessor,
            assessed_on=field_study_start(today or DEMO_TODAY)
            - datetime.timedelta(days=rng.randrange(10, 120)),
            priority_score=priority_score(scores),
            **{dim.value: score for dim, score in scores.items()},
        ))
    Assessment.objects.bulk_create(rows, batch_size=2000)


ANSWERED_STATUSES = (Visit.Status.IN_PROGRESS, Visit.Status.SUBMITTED, Visit.Status.RETURNED,
                     Visit.Status.APPROVED)
FINDING_TEXTS = {
    Dimension.PRODUCTIVITY: "Üretim planlaması elle yapılıyor; duruş süreleri ölçülmüyor.",
    Dimension.DIGITALISATION: "ERP yok; sipariş takibi tablolarla yürütülüyor.",
    Dimension.GREEN: "Enerji tüketimi izlenmiyor; çatı GES için uygun alan var.",
    Dimension.RND: "Tasarım dışarıdan alınıyor; Ar-Ge merkezi başvurusu düşünülüyor.",
    Dimension.INSTITUTIONALISATION: "Yönetim tek kişiye bağlı; görev tanımları yazılı değil.",
    Dimension.EXPORT_READINESS: "Yabancı dilde katalog ve web sitesi yok.",
    Dimension.CLUSTERING: "Aynı OSB'deki tedarikçilerle ortak alım yapılmıyor.",
}


def _answer_value(question, firm, rng, today):
    """A plausible typed value for ``question`` about ``firm``, or ``None`` to skip it."""
    code, kind = question.code, question.kind
    if not question.required and rng.random() < 0.15:
        return None
    if code == "capacity_utilisation":
        return Decimal(firm.capacity_utilisation_pct or 60)
    if code == "export_share":
        return Decimal(firm.export_share_pct or 0)
    if code == "import_share":
        return Decimal(firm.import_share_pct or 0)
    if code == "export_market_count":
        return Decimal(firm.export_market_count or 0)
    if kind == Question.Kind.SCALE:
        return Decimal(rng.randrange(1, 6))
    if kind == Question.Kind.INTEGER:
        return Decimal(rng.choice([0, 0, 1, 2, 3, 5, 8]))
    if kind == Question.Kind.DECIMAL:
        return Decimal(str(round(rng.uniform(5, 900), 1)))
    if kind == Question.Kind.PERCENTAGE:
        return Decimal(rng.randrange(0, 101))
    codes = [choice for choice, _label in question.choice_list()]
    if kind == Question.Kind.SINGLE_CHOICE:
        return rng.choice(codes)
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return sorted(rng.sample(codes, k=rng.randrange(1, min(4, len(codes)) + 1)),
                      key=codes.index)
    if kind == Question.Kind.YES_NO:
        return rng.random() < 0.4
    if kind == Question.Kind.DATE:
        return today + datetime.timedelta(days=rng.randrange(-60, 80))
    if code == "workforce_other_occupation":
        return rng.choice(["Elektrik teknisyeni", "Boyacı", "Kalite kontrol uzmanı"])
    return rng.choice(["Firma fuar katılımı için destek bekliyor.",
                       "Yeni yatırım planı var; ikinci vardiya açılacak.",
                       "Sahibi görüşmeye katıldı; üretim alanı gezildi."])


def seed_answers(program, version, supervisor, rng, today=None):
    """Answers, submission dates, return comments and findings for visits under way."""
    today = today or DEMO_TODAY
    visits = list(
        Visit.objects.filter(program=program, status__in=ANSWERED_STATUSES,
                             questionnaire_version__isnull=True)
        .select_related("firm", "agent").order_by("pk")
    )
    if not visits:
        return
    questions = list(version.questions().select_related("section"))
    answers, comments, findings = [], [], []
    now = timezone.now()
    for visit in visits:
        visit.questionnaire_version = version
        if visit.status != Visit.Status.IN_PROGRESS:
            visit.submitted_at = timezone.make_aware(datetime.datetime.combine(
                visit.scheduled_date + datetime.timedelta(days=rng.randrange(0, 4)),
                datetime.time(17, 0)))
        for question in questions:
            if visit.status == Visit.Status.IN_PROGRESS and rng.random() < 0.5:
                continue
            value = _answer_value(question, visit.firm, rng, today)
            if value is not None:
                answers.append(Answer.build(visit=visit, question=question, value=value,
                                            by=visit.agent))
        if visit.status == Visit.Status.RETURNED:
            comments.append(ReviewComment(
                visit=visit, question=questions[7], by=supervisor, at=now,
                text="Kapasite kullanımı firma beyanıyla uyuşmuyor; lütfen kontrol edin."))
        if visit.status == Visit.Status.APPROVED and rng.random() < 0.2:
            pillar = rng.choice(list(Dimension))
            findings.append(Finding(
                visit=visit, pillar=pillar, text=FINDING_TEXTS[pillar], recorded_by=supervisor,
                severity=rng.choice(list(Finding.Severity)), recorded_at=now))
    Visit.objects.bulk_update(visits, ["questionnaire_version", "submitted_at"], batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=2000)
    ReviewComment.objects.bulk_create(comments)
    Finding.objects.bulk_create(findings)


# Which pillar of the action plan acts on each assessed dimension (by the demo's pillar codes).
PILLAR_FOR_DIMENSION = {
    "productivity": "P1", "clustering": "P2", "institutionalisation": "P3",
    "digitalisation": "P5", "green": "P6", "rnd": "P7", "export_readiness": "P8",
}


@transaction.atomic
def link_findings_to_actions(program):
    """Link each demo finding to two actions of the current plan in its pillar.

    Findings that already name actions are left alone, so a second run adds nothing.
    """
    plan = PlanVersion.objects.current(program)
    if plan is None:
        return 0
    actions_by_pillar = {}
    for action_id, pillar_code in (
        Action.objects.filter(goal__pillar__plan=plan)
        .order_by("code").values_list("pk", "goal__pillar__code")
    ):
        actions_by_pillar.setdefault(pillar_code, []).append(action_id)
    links = []
    unlinked = Finding.objects.filter(visit__program=program, actions=None).order_by("pk")
    for index, (finding_id, pillar) in enumerate(unlinked.values_list("pk", "pillar")):
        candidates = actions_by_pillar.get(PILLAR_FOR_DIMENSION.get(pillar), [])
        for offset in range(min(2, len(candidates))):
            action_id = candidates[(index + offset) % len(candidates)]
            links.append(Finding.actions.through(finding_id=finding_id, action_id=action_id))
    Finding.actions.through.objects.bulk_create(links)
    return len(links)
