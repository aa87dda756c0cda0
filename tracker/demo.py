"""The Kayseri demo programme: its phases, milestones and council institutions.

Every function here is idempotent: rows are looked up by their natural keys and
created only when missing, so a second run changes nothing.
"""

import datetime

from tracker.models import Milestone, Phase, Program, Stakeholder

D = datetime.date

PROGRAM = {
    "slug": "kayseri-ihracatta-donusum",
    "name": "Kayseri İhracatta Dönüşüm",
    "province": "Kayseri",
    "start_date": D(2026, 1, 1),
    "end_date": D(2028, 12, 31),
    "description": (
        "Kayseri'nin üretici firmalarını ihracatta dönüştürmek için üç yıllık yol haritası: "
        "Dönüşüm, Gelişim ve Kazanım."
    ),
    "target_firms_assessed": 2000,
    "target_visits": 450,
}

STAKEHOLDERS = [
    ("Kayseri Valiliği", "Valilik", "governorship"),
    ("Kayseri Ticaret Odası", "KTO", "chamber"),
    ("T.C. Ticaret Bakanlığı", "Ticaret Bakanlığı", "ministry"),
    ("Kayseri Büyükşehir Belediyesi", "Büyükşehir", "municipality"),
    ("Kayseri Sanayi Odası", "KAYSO", "chamber"),
    ("Kayseri Ticaret Borsası", "KTB", "exchange"),
    ("Erciyes Üniversitesi", "ERÜ", "university"),
    ("Kayseri Üniversitesi", "KAYÜ", "university"),
    ("Abdullah Gül Üniversitesi", "AGÜ", "university"),
    ("Orta Anadolu İhracatçı Birlikleri", "OAİB", "association"),
    ("Kayseri Genç İş İnsanları Derneği", "KAGİD", "association"),
    ("Orta Anadolu Kalkınma Ajansı", "ORAN", "agency"),
    ("KOSGEB Kayseri Müdürlüğü", "KOSGEB", "agency"),
]

PHASES = [
    (1, "Dönüşüm", "Transformation", D(2026, 1, 1), D(2026, 12, 31),
     "Koordinasyon kurulu kurulur, 2.000'den fazla firma masa başında değerlendirilir, "
     "450 firma yerinde ziyaret edilir ve Üretim ve İhracat Stratejisi Eylem Planı hazırlanır.",
     "The coordination council is formed, more than 2,000 firms are assessed, 450 are "
     "visited on site and the Production and Export Strategy Action Plan is prepared."),
    (2, "Gelişim", "Development", D(2027, 1, 1), D(2027, 12, 31),
     "Paydaş kurumlar eylem planının eylemlerini birlikte ya da ayrı ayrı yürütür.",
     "Stakeholder institutions carry out the plan's actions, jointly or separately."),
    (3, "Kazanım", "Achievement", D(2028, 1, 1), D(2028, 12, 31),
     "Sonuçlar hedeflere göre ölçülür ve raporlanır.",
     "Results are measured against the targets and reported."),
]

# (phase order, title, due date, done date, owner short name, weight)
MILESTONES = [
    (1, "Koordinasyon kurulunun kurulması", D(2026, 2, 15), D(2026, 2, 10), "Valilik", 1),
    (1, "Saha çalışması yönteminin ve anketin onaylanması", D(2026, 3, 31), D(2026, 3, 27),
     "KTO", 1),
    (1, "2.000 firmanın masa başı değerlendirmesi", D(2026, 7, 31), D(2026, 8, 12), "KTO", 2),
    (1, "450 firmaya yerinde ziyaret", D(2026, 11, 30), None, "KTO", 3),
    (1, "Saha bulguları raporu", D(2026, 12, 15), None, "ERÜ", 2),
    (1, "Üretim ve İhracat Stratejisi Eylem Planının onaylanması", D(2026, 12, 31), None,
     "Valilik", 3),
    (2, "Eylem planı uygulama protokollerinin imzalanması", D(2027, 2, 28), None, "Valilik", 1),
    (2, "Kümelenme çalıştayları", D(2027, 5, 31), None, "KAYSO", 2),
    (2, "Dijital dönüşüm ve yeşil dönüşüm destek programı", D(2027, 9, 30), None, "ORAN", 2),
    (2, "Ara değerlendirme raporu", D(2027, 12, 15), None, "KTO", 1),
    (3, "Hedef göstergelerin ölçülmesi", D(2028, 6, 30), None, "Ticaret Bakanlığı", 2),
    (3, "Nihai değerlendirme ve kazanım raporu", D(2028, 12, 15), None, "KTO", 3),
]


def seed_programme():
    """Create the Kayseri programme with its council, phases and milestones."""
    slug = PROGRAM["slug"]
    program, _created = Program.objects.get_or_create(
        slug=slug, defaults={k: v for k, v in PROGRAM.items() if k != "slug"}
    )
    stakeholders = {}
    for name, short_name, kind in STAKEHOLDERS:
        stakeholder, _created = Stakeholder.objects.get_or_create(
            program=program, name=name, defaults={"short_name": short_name, "kind": kind}
        )
        stakeholders[short_name] = stakeholder
    phases = {}
    for order, name_tr, name_en, start, end, summary_tr, summary_en in PHASES:
        phase, _created = Phase.objects.get_or_create(
            program=program, order=order,
            defaults={"name_tr": name_tr, "name_en": name_en, "start_date": start,
                      "end_date": end, "summary_tr": summary_tr, "summary_en": summary_en},
        )
        phases[order] = phase
    for order, title, due, done, owner, weight in MILESTONES:
        Milestone.objects.get_or_create(
            phase=phases[order], title=title,
            defaults={"due_date": due, "done_date": done, "owner": stakeholders[owner],
                      "weight": weight},
        )
    return program
