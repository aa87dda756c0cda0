"""Demo data: an İMES-like organised industrial zone in the Kayseri programme (Kayseri OSB,
with the figures İMES OSB publishes for itself), its ~340 firms taken from the programme's
demo firms, 260 vacancies of 255 firms, 420 job seekers with generated names and 141
placements over the three months before ``today``. Everything is written with
``bulk_create``."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from fieldvisits.models import Firm
from zones.models import (
    Candidacy,
    CandidacyEvent,
    ConsentText,
    JobSeeker,
    Occupation,
    Vacancy,
    Zone,
    ZoneFirm,
)
from zones.roles import add_zone_staff
from zones.services import record_placement_indicator

ZONE_NAME = "Kayseri OSB"
ZONE_FIRMS = 341
VACANCIES = 260
VACANCY_FIRMS = 255
JOB_SEEKERS = 420
PLACEMENTS = 141
# Occupations the demo firms ask for, with weights: the shortages the zone reports first.
DEMAND = [("7212", 18), ("7223", 16), ("8211", 8), ("7233", 6), ("2512", 6), ("2163", 5),
          ("3432", 2), ("3115", 5), ("8344", 4), ("9329", 8), ("7214", 5), ("8122", 3),
          ("3118", 3), ("7412", 4), ("8142", 2)]
CERTIFICATES = {"7212": "MYK kaynak", "7223": "CNC operatörlüğü", "8344": "Forklift",
                "7412": "Elektrik tesisatçılığı", "2512": "", "2163": "AutoCAD"}
FIRST_NAMES = ["Ayşe", "Fatma", "Elif", "Zeynep", "Merve", "Büşra", "Esra", "Özlem", "Gül",
               "Hatice", "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim",
               "Murat", "Emre", "Burak", "Yusuf", "Ömer", "Kemal", "Serkan", "Onur", "Şule",
               "Çağla", "İrem", "Gökhan", "Oğuz"]
LAST_NAMES = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk",
              "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç",
              "Kurt", "Özkan", "Şimşek", "Polat", "Erdoğan", "Güneş", "Aksoy", "Işık"]
DISTRICTS = [("Melikgazi", 35), ("Kocasinan", 35), ("Talas", 12), ("Hacılar", 6),
             ("İncesu", 6), ("Develi", 6)]


def _weighted(rng, pairs):
    return rng.choices([value for value, _weight in pairs],
                       weights=[weight for _value, weight in pairs])[0]


def _moment(rng, today, days_back_from, days_back_to):
    day = today - datetime.timedelta(days=rng.randint(days_back_to, days_back_from))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(
        rng.randint(8, 17), rng.randint(0, 59))))


def seed_zone(program, staff, today, seed=2026):
    """The zone and its career portal; does nothing when the zone already has vacancies."""
    rng = random.Random(seed)
    zone, _created = Zone.objects.get_or_create(
        program=program, slug="kayseri-osb",
        defaults={
            "name_tr": ZONE_NAME, "name_en": "Kayseri Organised Industrial Zone",
            "name_fa": "شهرک صنعتی سازمان‌یافته قیصریه",
            "kind": Zone.Kind.OSB, "province": "Kayseri",
            "district": "Melikgazi", "founded": 1976, "area_hectares": Decimal("2200"),
            "management_contact": "Kayseri OSB Bölge Müdürlüğü, +90 352 000 00 00",
            "description_tr": ("Makine, metal ve mobilya firmalarının bir arada olduğu "
                               "organize sanayi bölgesi: hangi firmanın hangi malzemeyi "
                               "ürettiğini tutan bir envanter, bir mükemmeliyet merkezi ve "
                               "firmaların ilan verdiği bir kariyer portalı."),
            "description_en": ("An organised industrial zone of machinery, metal and "
                               "furniture firms: an inventory of which firm can produce "
                               "which material, a centre of excellence and a career portal "
                               "where the firms post their vacancies."),
            "description_fa": ("شهرک صنعتی سازمان‌یافته‌ای از شرکت‌های ماشین‌سازی، فلزی و "
                               "مبلمان: فهرستی از اینکه هر شرکت چه ماده‌ای را می‌تواند "
                               "تولید کند، یک مرکز تعالی و یک درگاه شغلی که شرکت‌ها "
                               "آگهی‌های استخدام خود را در آن منتشر می‌کنند."),
            "reported_firms": ZONE_FIRMS,
            "reported_exports_usd": Decimal("1000000000"), "reported_capacity_use_pct": 80,
            "reported_export_share_pct": 35, "reported_import_share_pct": 29,
            "figures_source": Zone.FiguresSource.ZONE,
            "figures_source_note_tr": ("2025; örnek değerler İMES OSB'nin yayımladığı "
                                       "profilden (341 firma, yılda ~1 milyar USD "
                                       "ihracat)."),
            "figures_source_note_en": ("2025; sample values from the profile İMES OSB "
                                       "publishes (341 firms, about 1 billion USD exports "
                                       "a year)."),
            "figures_source_note_fa": ("۲۰۲۵؛ مقادیر نمونه از نمایه‌ای که شهرک صنعتی İMES "
                                       "منتشر می‌کند (۳۴۱ شرکت، حدود یک میلیارد دلار "
                                       "صادرات در سال)."),
        })
    add_zone_staff(zone=zone, user=staff)
    if zone.vacancies.exists():
        return {"zone": zone, "firms": zone.firm_rows.count(), "vacancies": 0,
                "job_seekers": 0, "placements": 0}
    in_no_zone = Firm.objects.filter(program=program, zone_row__isnull=True)
    named = list(in_no_zone.filter(industrial_zone=ZONE_NAME).order_by("pk")
                 .values_list("pk", flat=True)[:ZONE_FIRMS])
    extra = list(in_no_zone.filter(industrial_zone="").order_by("pk")
                 .values_list("pk", flat=True)[:ZONE_FIRMS - len(named)])
    Firm.objects.filter(pk__in=extra).update(industrial_zone=ZONE_NAME)
    firm_ids = named + extra
    ZoneFirm.objects.bulk_create([ZoneFirm(zone=zone, firm_id=pk) for pk in firm_ids])
    occupations = Occupation.objects.in_bulk([code for code, _w in DEMAND],
                                             field_name="code")
    vacancy_firms = rng.sample(firm_ids, min(VACANCY_FIRMS, len(firm_ids)))
    vacancies = []
    for index in range(VACANCIES):
        code = _weighted(rng, DEMAND)
        opened = _moment(rng, today, 110, 5)
        vacancies.append(Vacancy(
            zone=zone, firm_id=vacancy_firms[index % len(vacancy_firms)],
            occupation=occupations[code], positions=1 if index < PLACEMENTS else
            rng.randint(1, 4), certificates_wanted=CERTIFICATES.get(code, ""),
            qualifications_tr="Deneyim tercih sebebidir; vardiyalı çalışmaya uygun.",
            qualifications_en="Experience preferred; able to work shifts.",
            qualifications_fa="سابقه کار مزیت است؛ آماده کار در نوبت‌های چرخشی.",
            shift=rng.choice(list(Vacancy.Shift.values)),
            closing_date=today + datetime.timedelta(days=rng.randint(10, 60)),
            published=rng.random() < 0.85, status=Vacancy.Status.OPEN, posted_by=staff,
            created_at=opened, opened_at=opened))
    vacancies = Vacancy.objects.bulk_create(vacancies)
    consent = ConsentText.current()
    seekers = []
    for index in range(JOB_SEEKERS):
        registered = _moment(rng, today, 150, 1)
        seekers.append(JobSeeker(
            program=program, first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES), email=f"aday{index + 1}@example.org",
            phone=f"+90 5{rng.randint(300000000, 599999999)}",
            district=_weighted(rng, DISTRICTS), education=rng.choice(
                list(JobSeeker.Education.values)), experience_years=rng.randint(0, 20),
            certificates=rng.choice(["", "MYK kaynak", "CNC operatörlüğü", "Forklift",
                                     "MYK kaynak, Forklift"]),
            availability=rng.choice(list(JobSeeker.Availability.values)),
            consent=consent, consented_at=registered, created_at=registered,
            last_active_at=registered, email_verified_at=registered))
    seekers = JobSeeker.objects.bulk_create(seekers)
    through = JobSeeker.occupations.through
    links = []
    for seeker in seekers:
        for code in {_weighted(rng, DEMAND) for _n in range(rng.randint(1, 2))}:
            links.append(through(jobseeker_id=seeker.pk, occupation_id=occupations[code].pk))
    through.objects.bulk_create(links)
    candidacies, finals = [], []
    hired_seekers = rng.sample(seekers, PLACEMENTS)
    for index, (vacancy, seeker) in enumerate(zip(vacancies[:PLACEMENTS], hired_seekers,
                                                  strict=True)):
        decided = _moment(rng, today, 89, 0)
        proposed = decided - datetime.timedelta(days=rng.randint(3, 20))
        vacancy.opened_at = min(vacancy.opened_at, proposed - datetime.timedelta(days=2))
        vacancy.created_at = vacancy.opened_at
        vacancy.status, vacancy.filled_at = Vacancy.Status.FILLED, decided
        candidacies.append(Candidacy(vacancy=vacancy, job_seeker=seeker, proposed_by=staff,
                                     proposed_at=proposed, decided_at=decided,
                                     status=Candidacy.Status.HIRED))
        finals.append((index, Candidacy.Status.HIRED, decided))
    others = [seeker for seeker in seekers if seeker not in set(hired_seekers)]
    for offset, seeker in enumerate(others[:90]):
        vacancy = vacancies[PLACEMENTS + offset % (VACANCIES - PLACEMENTS)]
        proposed = max(vacancy.opened_at, _moment(rng, today, 60, 1))
        rejected = offset % 3 == 0
        candidacies.append(Candidacy(
            vacancy=vacancy, job_seeker=seeker, proposed_by=staff, proposed_at=proposed,
            status=Candidacy.Status.NOT_HIRED if rejected else Candidacy.Status.PROPOSED,
            not_hired_reason=Candidacy.Reason.SKILLS if rejected else "",
            decided_at=proposed + datetime.timedelta(days=4) if rejected else None))
        if rejected:
            finals.append((len(candidacies) - 1, Candidacy.Status.NOT_HIRED,
                           proposed + datetime.timedelta(days=4)))
    Vacancy.objects.bulk_update(vacancies[:PLACEMENTS],
                                ["opened_at", "created_at", "status", "filled_at"])
    candidacies = Candidacy.objects.bulk_create(candidacies)
    events = [CandidacyEvent(candidacy=c, from_status="", to_status=Candidacy.Status.PROPOSED,
                             by=staff, at=c.proposed_at) for c in candidacies]
    events += [CandidacyEvent(candidacy=candidacies[index],
                              from_status=Candidacy.Status.PROPOSED, to_status=status,
                              by=staff, at=at) for index, status, at in finals]
    CandidacyEvent.objects.bulk_create(events)
    record_placement_indicator(program=program)
    return {"zone": zone, "firms": len(firm_ids), "vacancies": len(vacancies),
            "job_seekers": len(seekers), "placements": PLACEMENTS}
