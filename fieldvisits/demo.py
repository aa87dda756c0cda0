"""Demo firms and visits of the Kayseri field study.

Generated from a fixed random seed, so every run produces the same firms with the
same valid tax numbers; existing rows are never touched, so a second run adds
nothing. ``scale`` multiplies the number of firms and visits (for benchmarks).
"""

import datetime
import random

from django.db import transaction

from fieldvisits.models import Firm, Visit
from fieldvisits.sectors import NACE_LABELS
from fieldvisits.validators import vkn_check_digit

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
LEGAL_FORMS = ["San. ve Tic. A.Ş.", "San. ve Tic. Ltd. Şti.", "A.Ş.", "Ltd. Şti."]

# Realistic mix of visit states at the end of the field study.
VISIT_STATUS_WEIGHTS = [
    (Visit.Status.APPROVED, 52), (Visit.Status.SUBMITTED, 12), (Visit.Status.RETURNED, 3),
    (Visit.Status.IN_PROGRESS, 5), (Visit.Status.SCHEDULED, 17), (Visit.Status.PLANNED, 6),
    (Visit.Status.CANCELLED, 3), (Visit.Status.NO_SHOW, 2),
]
FIELD_STUDY_START = datetime.date(2026, 9, 1)
FIELD_STUDY_DAYS = 120


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
        firms.append(Firm(
            program=program, tax_number=tax_number, trade_name=name, nace_code=nace_code,
            district=_weighted(rng, DISTRICTS), employees=employees,
            is_exporter=rng.random() < min(0.9, 0.25 + employees / 400),
        ))
    return firms


@transaction.atomic
def seed_field_study(program, agents, scale=1, seed=2026):
    """Create ``2150 × scale`` firms and ``450 × scale`` visits split between ``agents``."""
    rng = random.Random(seed)
    firms = generate_firms(program, FIRMS_PER_SCALE * scale, rng)
    Firm.objects.bulk_create(firms, batch_size=1000, ignore_conflicts=True)
    firm_ids = dict(
        Firm.objects.filter(program=program).values_list("tax_number", "pk")
    )
    visited = set(Visit.objects.filter(program=program).values_list("firm_id", flat=True))
    # Larger firms are more likely to be chosen for an on-site visit.
    chosen = sorted(firms, key=lambda f: -(f.employees * rng.random()))[: VISITS_PER_SCALE * scale]
    visits = []
    for index, firm in enumerate(chosen):
        status = _weighted(rng, VISIT_STATUS_WEIGHTS)
        day = rng.randrange(FIELD_STUDY_DAYS)
        firm_id = firm_ids[firm.tax_number]
        if firm_id in visited:
            continue
        planned = status == Visit.Status.PLANNED
        visits.append(Visit(
            program=program, firm_id=firm_id,
            agent=None if planned else agents[index % len(agents)],
            scheduled_date=None if planned else FIELD_STUDY_START + datetime.timedelta(days=day),
            status=status,
        ))
    Visit.objects.bulk_create(visits, batch_size=1000)
    return {"firms": len(firm_ids), "visits": len(visited) + len(visits)}
