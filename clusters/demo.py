"""Demo data: the five cluster pilot provinces beside Kayseri, and Kayseri's own cluster
candidates. Every function is idempotent: a second run finds its rows and adds nothing."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clusters import demo_english as english
from clusters.models import (
    CentreStaff,
    Cluster,
    ClusterInformationCentre,
    ClusterMember,
    ConsultationMeeting,
    CriteriaWeights,
    Criterion,
    CriterionScore,
    FinancingApplication,
    MeetingAttendee,
    Opinion,
    SupportDelivery,
)
from fieldvisits.models import Firm
from fieldvisits.validators import vkn_check_digit
from tracker.access import Role
from tracker.models import (
    Action,
    Goal,
    Institution,
    Membership,
    Milestone,
    Phase,
    Pillar,
    PlanVersion,
    Program,
)

S = Cluster.Stage
K = Institution.Kind
E, D_, N, F = (Criterion.ECONOMIC_IMPACT, Criterion.DEMAND, Criterion.NETWORKING,
               Criterion.FACTOR_CONDITIONS)

EVIDENCE = {
    E: ("İlin imalat sanayi istihdamı ve ihracatı içindeki payı yüksek.",
        "TÜİK il bazında dış ticaret ve SGK işyeri istatistikleri, 2025"),
    D_: ("Hedef pazarlarda ithalat talebi son beş yılda büyüyor.",
         "ITC Trade Map, 2020–2025 ithalat verileri"),
    N: ("Firmalar ortak fuar katılımı ve ortak alım konusunda istekli.",
        "Paydaş istişare toplantısı ve firma görüşmeleri"),
    F: ("Nitelikli iş gücü, test altyapısı ve organize sanayi bölgesi kapasitesi mevcut.",
        "Kalkınma ajansı bölge planı ve üniversite envanteri"),
}

# Every pilot: programme, host and stakeholder institutions, its Cluster Information
# Centre and candidate clusters (name, NACE codes, stage reached, scores E/D/N/F, note).
PILOTS = [
    {
        "slug": "corum-kumelenme", "pace": 0, "province": "Çorum", "plate": 19,
        "name": "Çorum Gıda İşleme Makineleri Kümelenme Pilotu",
        "host": ("Çorum Ticaret ve Sanayi Odası", "Çorum TSO", K.CHAMBER),
        "others": [("Orta Karadeniz Kalkınma Ajansı", "OKA", K.AGENCY),
                   ("Hitit Üniversitesi", "Hitit Üni.", K.UNIVERSITY),
                   ("Çorum Sanayici ve İş İnsanları Derneği", "ÇORSİAD", K.ASSOCIATION)],
        "centre": ("Çorum Kümelenme Bilgi Merkezi",
                   "Çorum TSO hizmet binası, Merkez / Çorum", "0364 000 00 19",
                   "kumelenme@corumtso.example.org"),
        "staff": [("Elif Kaya", "Merkez sorumlusu"), ("Mert Aydın", "Küme uzmanı")],
        "district": "Merkez", "zone": "Çorum OSB",
        "firms": ["Hitit Değirmen Makineleri", "Anadolu Un Sanayi Makine", "Çorum Proses Teknik",
                  "Karadeniz Gıda Makineleri", "Alaca Paketleme Sistemleri",
                  "Osmancık Çelik Tank"],
        "firm_nace": "28.93",
        "clusters": [
            ("Gıda İşleme Makineleri Kümesi", "28.93, 28.29", S.IMPLEMENTING, (5, 4, 4, 4), ""),
            ("Değirmen ve Un Makineleri Kümesi", "28.93", S.ANALYSED, (4, 3, 3, 4), ""),
            ("Tuğla ve Kiremit Kümesi", "23.32", S.DROPPED, (3, 2, 2, 3),
             "Firmaların çoğu iç pazara çalışıyor; ortak ihracat hedefi oluşmadı."),
        ],
    },
    {
        "slug": "gaziantep-kumelenme", "pace": -1, "support_size": 1.5,
        "province": "Gaziantep", "plate": 27,
        "name": "Gaziantep Ayakkabı Kümelenme Pilotu",
        "host": ("Güneydoğu Anadolu İhracatçı Birlikleri", "GAİB", K.ASSOCIATION),
        "others": [("İpekyolu Kalkınma Ajansı", "İKA", K.AGENCY),
                   ("Gaziantep Üniversitesi", "GAÜN", K.UNIVERSITY),
                   ("Gaziantep Ayakkabı Sanayicileri Derneği", "GASAD", K.ASSOCIATION)],
        "centre": ("Gaziantep Kümelenme Bilgi Merkezi",
                   "GAİB hizmet binası, Şehitkamil / Gaziantep", "0342 000 00 27",
                   "kumelenme@gaib.example.org"),
        "staff": [("Zeynep Demir", "Merkez sorumlusu"), ("Hasan Öztürk", "Dış ticaret uzmanı")],
        "district": "Şehitkamil", "zone": "Gaziantep OSB",
        "firms": ["Antep Kundura", "Şahinbey Ayakkabı", "Gazi Taban Sanayi", "Zeugma Deri",
                  "İpekyolu Saya Atölyesi", "Nizip Ayakkabı"],
        "firm_nace": "15.20",
        "clusters": [
            ("Ayakkabı Kümesi", "15.20", S.ACTION_PLAN, (5, 4, 3, 4), ""),
            ("Ayakkabı Yan Sanayi Kümesi", "15.20, 22.19", S.SELECTED, (3, 3, 4, 3),
             "Ana kümenin tedarik zinciri; istişare toplantısında kurumların çoğu destekledi."),
            ("Makine Halısı Kümesi", "13.93", S.ANALYSED, (5, 4, 2, 4), ""),
        ],
    },
    {
        "slug": "kahramanmaras-kumelenme", "pace": 3, "support_size": 0.5,
        "province": "Kahramanmaraş", "plate": 46,
        "name": "Kahramanmaraş Metal Mutfak Eşyaları Kümelenme Pilotu",
        "host": ("Kahramanmaraş Ticaret ve Sanayi Odası", "Kahramanmaraş TSO", K.CHAMBER),
        "others": [("Doğu Akdeniz Kalkınma Ajansı", "DOĞAKA", K.AGENCY),
                   ("Kahramanmaraş Sütçü İmam Üniversitesi", "KSÜ", K.UNIVERSITY),
                   ("Kahramanmaraş Sanayici ve İş İnsanları Derneği", "KASİAD", K.ASSOCIATION)],
        "centre": ("Kahramanmaraş Kümelenme Bilgi Merkezi",
                   "Kahramanmaraş TSO hizmet binası, Dulkadiroğlu / Kahramanmaraş",
                   "0344 000 00 46", "kumelenme@kmtso.example.org"),
        "staff": [("Ayşe Çelik", "Merkez sorumlusu")],
        "district": "Onikişubat", "zone": "Kahramanmaraş OSB",
        "firms": ["Maraş Çelik Mutfak", "Dulkadir Tencere", "Ahır Dağı Metal",
                  "Onikişubat Emaye", "Elbistan Döküm Mutfak"],
        "firm_nace": "25.99",
        "clusters": [
            ("Metal Mutfak Eşyaları Kümesi", "25.99, 27.51", S.SELECTED, (4, 5, 3, 4), ""),
            ("Hazır Giyim Kümesi", "14.13", S.IDENTIFIED, None, ""),
        ],
    },
    {
        "slug": "samsun-kumelenme", "pace": 1, "support_size": 2,
        "province": "Samsun", "plate": 55,
        "name": "Samsun Tıbbi Cihaz ve Malzemeler Kümelenme Pilotu",
        "host": ("Samsun Ticaret ve Sanayi Odası", "Samsun TSO", K.CHAMBER),
        "others": [("Orta Karadeniz Kalkınma Ajansı", "OKA", K.AGENCY),
                   ("Ondokuz Mayıs Üniversitesi", "OMÜ", K.UNIVERSITY),
                   ("Samsun Sanayici ve İş İnsanları Derneği", "SAMSİAD", K.ASSOCIATION)],
        "centre": ("Samsun Kümelenme Bilgi Merkezi",
                   "Samsun TSO hizmet binası, İlkadım / Samsun", "0362 000 00 55",
                   "kumelenme@samsuntso.example.org"),
        "staff": [("Can Yılmaz", "Merkez sorumlusu"), ("Deniz Arslan", "Mevzuat uzmanı")],
        "district": "Tekkeköy", "zone": "Samsun Merkez OSB",
        "firms": ["Samsun Medikal", "Karadeniz Cerrahi Aletler", "İlkadım Ortopedi",
                  "Tekkeköy Tıbbi Sarf", "Atakum Dental", "Bafra Steril Ürünler"],
        "firm_nace": "32.50",
        "clusters": [
            ("Tıbbi Cihaz ve Malzemeler Kümesi", "32.50, 26.60", S.COMPLETED, (5, 5, 4, 4), ""),
            ("Tarım Makineleri Kümesi", "28.30", S.ANALYSED, (3, 4, 3, 3), ""),
        ],
    },
    {
        "slug": "trabzon-kumelenme", "pace": 5, "support_size": 1.25,
        "province": "Trabzon", "plate": 61,
        "name": "Trabzon Gemi İnşa Kümelenme Pilotu",
        "host": ("Trabzon Ticaret ve Sanayi Odası", "Trabzon TSO", K.CHAMBER),
        "others": [("Doğu Karadeniz Kalkınma Ajansı", "DOKA", K.AGENCY),
                   ("Karadeniz Teknik Üniversitesi", "KTÜ", K.UNIVERSITY),
                   ("Doğu Karadeniz Denizcilik Derneği", "DKDD", K.ASSOCIATION)],
        "centre": ("Trabzon Kümelenme Bilgi Merkezi",
                   "Trabzon TSO hizmet binası, Ortahisar / Trabzon", "0462 000 00 61",
                   "kumelenme@trabzontso.example.org"),
        "staff": [("Emre Koç", "Merkez sorumlusu")],
        "district": "Arsin", "zone": "Arsin OSB",
        "firms": ["Arsin Tersanecilik", "Yomra Gemi Donatım", "Karadeniz Tekne",
                  "Sürmene Ahşap Tekne", "Of Denizcilik Makine"],
        "firm_nace": "30.11",
        "clusters": [
            ("Gemi ve Yat İnşa Kümesi", "30.11, 30.12, 33.15", S.IMPLEMENTING, (4, 4, 4, 3),
             ""),
            ("Mobilya Kümesi", "31.09", S.DROPPED, (2, 3, 2, 2),
             "Aynı sektörde komşu ilde güçlü bir küme var; kaynaklar gemi inşaya ayrıldı."),
        ],
    },
]

KAYSERI_CLUSTERS = [
    ("Kayseri Mobilya Kümesi", "31.09, 31.01", S.IMPLEMENTING, (5, 4, 5, 4), ""),
    ("Kayseri Makine İmalatı Kümesi", "28.29, 28.41", S.SELECTED, (4, 4, 3, 5), ""),
    ("Kayseri Tekstil ve Halı Kümesi", "13.20, 13.93", S.ANALYSED, (3, 3, 3, 3), ""),
]

MAIN_ACTIONS = [
    ("Ortak marka ve tanıtım kataloğu", 80),
    ("İhracat konsorsiyumunun kurulması", 55),
    ("Hedef pazarlara alım heyeti ve fuar katılımı", 30),
]


def vkn(plate, n):
    prefix = f"{plate:02d}{n:07d}"
    return prefix + str(vkn_check_digit(prefix))


def _institution(program, name, short_name, kind):
    institution, _created = Institution.objects.get_or_create(
        program=program, name=name, defaults={"short_name": short_name, "kind": kind})
    return institution


def _scores(cluster, values, evidence_rows=EVIDENCE):
    if values is None:
        return
    for criterion, score in zip(Criterion.values, values, strict=True):
        evidence, source = evidence_rows[criterion]
        CriterionScore.objects.get_or_create(
            cluster=cluster, criterion=criterion,
            defaults={"score": score, "evidence": evidence, "source": source})


def _plan_goal(program, title, lead, today, by):
    """A goal with the cluster's actions in the programme's draft plan (made once); a
    programme without an approved plan gets its draft approved by
    :func:`_approve_cluster_plan` once its clusters are seeded."""
    goal = Goal.objects.filter(pillar__plan__program=program, title_tr=title).first()
    if goal is not None:
        return goal
    plan = PlanVersion.objects.filter(program=program, status=PlanVersion.Status.DRAFT).first()
    if plan is None:
        last = PlanVersion.objects.filter(program=program).order_by("-number").first()
        plan = PlanVersion.objects.create(program=program, number=last.number + 1 if last else 1,
                                          title="Kümelenme Eylem Planı")
    pillar, _created = Pillar.objects.get_or_create(
        plan=plan, code="K", defaults={"order": 1, "name_tr": "Kümelenme",
                                       "name_en": "Clustering"})
    order = pillar.goals.count() + 1
    goal = Goal.objects.create(pillar=pillar, order=order, code=f"K.{order}", title=title)
    for number, (action_title, progress) in enumerate(MAIN_ACTIONS, start=1):
        Action.objects.create(
            goal=goal, code=f"{goal.code}.{number}", title=action_title, lead=lead,
            start_date=today - datetime.timedelta(days=200),
            end_date=today + datetime.timedelta(days=300), progress_entered=progress,
            progress_reason="Küme koordinatörünün üç aylık izleme raporu.")
    return goal


def _approve_cluster_plan(program, by):
    if PlanVersion.objects.current(program) is None:
        PlanVersion.objects.filter(program=program, status=PlanVersion.Status.DRAFT).update(
            status=PlanVersion.Status.APPROVED, approved_by=by, approved_at=timezone.now())


WALK_NOTES = {"analysed": "Dört ölçüt puanlandı.",
              "completed": "Eylem planı tamamlandı; sonuç raporu yayımlandı."}


def _walk(cluster, stage, by, *, goal=None, reason="", notes=WALK_NOTES):
    """Move a new cluster along the funnel to ``stage`` through its model methods;
    ``notes`` are the analysis and completion notes, in the programme's language."""
    path = [S.ANALYSED, S.SELECTED, S.ACTION_PLAN, S.IMPLEMENTING, S.COMPLETED]
    target = S.ANALYSED if stage == S.DROPPED else stage
    if target == S.IDENTIFIED:
        path = []
    else:
        path = path[:path.index(target) + 1]
    for step in path:
        if step == S.ANALYSED:
            cluster.analyse(by=by, note=notes["analysed"])
        elif step == S.SELECTED:
            cluster.select(by=by, reason=reason)
        elif step == S.ACTION_PLAN:
            cluster.start_action_plan(by=by, goal=goal)
        elif step == S.IMPLEMENTING:
            cluster.start_implementing(by=by)
        else:
            cluster.complete(by=by, note=notes["completed"])
    if stage == S.DROPPED:
        cluster.drop(by=by, reason=reason)


def _seed_clusters(program, rows, *, lead, centre, firms, by, today, goal=None):
    """Create the candidate clusters (once), score them all, then walk the new ones to
    their stage: the ranking a selection sees covers every candidate."""
    clusters, new = [], []
    for index, (name, codes, stage, scores, reason) in enumerate(rows):
        cluster, created = Cluster.objects.get_or_create(
            program=program, name_tr=name,
            defaults={"nace_codes": codes, "centre": centre,
                      "name_en": english.CLUSTERS.get(name, ""),
                      "description_tr": f"{program.province} ilindeki {name} adayı."})
        clusters.append(cluster)
        if created:
            _scores(cluster, scores)
            if index == 0:
                for firm in firms:
                    ClusterMember.objects.get_or_create(cluster=cluster, firm=firm)
            new.append((cluster, stage, reason))
    for cluster, stage, reason in new:
        cluster_goal = None
        if stage in (S.ACTION_PLAN, S.IMPLEMENTING, S.COMPLETED):
            cluster_goal = goal or _plan_goal(program, f"{cluster.name_tr} eylem planı", lead,
                                              today, by)
        _walk(cluster, stage, by, goal=cluster_goal, reason=reason)
    return clusters


def _seed_meeting(program, title, date, place, institutions, clusters):
    meeting, created = ConsultationMeeting.objects.get_or_create(
        program=program, title=title,
        defaults={"date": date, "place": place,
                  "notes": "Aday kümeler dört ölçüt üzerinden tartışıldı."})
    if not created:
        return meeting
    people = ["Genel Sekreter", "Proje Uzmanı", "Öğretim Üyesi", "Yönetim Kurulu Üyesi"]
    for number, institution in enumerate(institutions):
        MeetingAttendee.objects.create(meeting=meeting, institution=institution,
                                       person=f"{institution.short_name} temsilcisi",
                                       position=people[number % len(people)])
    stances = [Opinion.Stance.SUPPORT, Opinion.Stance.SUPPORT, Opinion.Stance.NEUTRAL,
               Opinion.Stance.OBJECT]
    for c, cluster in enumerate(clusters):
        for i, institution in enumerate(institutions):
            stance = stances[(c * 2 + i) % len(stances)] if c else (
                Opinion.Stance.NEUTRAL if i == len(institutions) - 1 else Opinion.Stance.SUPPORT)
            Opinion.objects.create(
                meeting=meeting, institution=institution, cluster=cluster, stance=stance,
                comment={Opinion.Stance.SUPPORT: "Firmaların ortak iş yapma isteği yüksek.",
                         Opinion.Stance.NEUTRAL: "Talep verisi yeniden incelenmeli.",
                         Opinion.Stance.OBJECT: "Sektörde yeterli firma sayısı yok."}[stance])
    return meeting


def _seed_support(cluster, firms, providers, today, size=1):
    """Four deliveries, their amounts and places multiplied by ``size`` (0.5–2)."""
    if cluster.support_deliveries.exists():
        return
    host, agency = providers
    size = Decimal(str(size))
    rows = [
        (SupportDelivery.Kind.SHARED_BRAND, "Ortak marka tescili ve kurumsal kimlik",
         Decimal("450000") * size, None, host, []),
        (SupportDelivery.Kind.CONSORTIUM_BUDGET, "İhracat konsorsiyumu ilk yıl bütçesi",
         Decimal("2750000") * size, None, agency, firms[:4]),
        (SupportDelivery.Kind.TRADE_FAIR_DISCOUNT, "Uluslararası fuar katılım indirimi",
         Decimal("620000") * size, None, host, firms[:3]),
        (SupportDelivery.Kind.TRAINING_PLACES, "Dış ticaret ve pazarlama eğitimi",
         None, int(24 * size), agency, firms),
    ]
    for number, (kind, title, amount, places, provider, beneficiaries) in enumerate(rows):
        delivery = SupportDelivery.objects.create(
            cluster=cluster, kind=kind, title_tr=title, title_en=english.SUPPORT[title],
            amount=amount, places=places,
            provider=provider, delivered_on=today - datetime.timedelta(days=120 - 30 * number))
        delivery.beneficiaries.set(beneficiaries)


def _seed_financing(cluster, firms, by, today):
    if cluster.financing_applications.exists():
        return
    stages = ["proposed", "admitted", "final", "admitted", "proposed", "withdrawn"]
    for firm, stage in zip(firms, stages, strict=False):
        application = FinancingApplication.objects.create(
            cluster=cluster, firm=firm, instrument="Eximbank sevk öncesi ihracat kredisi",
            amount=Decimal("1500000"), proposed_on=today - datetime.timedelta(days=90))
        if stage in ("admitted", "final"):
            application.admit(by=by)
        if stage == "final":
            application.reach_final_stages(by=by)
        if stage == "withdrawn":
            application.withdraw(by=by, reason="Firma teminat koşullarını karşılayamadı.")


def _firms(program, pilot):
    firms = []
    for number, trade_name in enumerate(pilot["firms"], start=1):
        firm, _created = Firm.objects.get_or_create(
            program=program, tax_number=vkn(pilot["plate"], number),
            defaults={"trade_name": f"{trade_name} San. ve Tic. A.Ş.",
                      "nace_code": pilot["firm_nace"], "district": pilot["district"],
                      "industrial_zone": pilot["zone"], "employees": 20 + 15 * number,
                      "is_exporter": number % 3 != 0,
                      "export_value_usd": Decimal(250000 * number) if number % 3 else None})
        firms.append(firm)
    return firms


# A pilot's three years: (order, name tr, name en, milestones as (title, month of the
# phase's year it is due, weight)).
PILOT_PHASES = [
    (1, "Analiz ve seçim", "Analysis and selection", [
        ("Küme adaylarının belirlenmesi", 3, 1),
        ("Dört ölçütle puanlama ve paydaş istişaresi", 7, 2),
        ("Pilot kümelerin seçilmesi", 11, 2),
    ]),
    (2, "Eylem planı ve uygulama", "Action plan and implementation", [
        ("Küme eylem planlarının onaylanması", 3, 2),
        ("Ortak marka ve ihracat konsorsiyumu", 9, 3),
        ("Fuar katılımları ve eğitimler", 11, 2),
    ]),
    (3, "Değerlendirme", "Evaluation", [
        ("Ara değerlendirme", 6, 1),
        ("Nihai değerlendirme raporu", 12, 2),
    ]),
]


def _seed_roadmap(program, host, pace, today):
    """Three yearly phases and their milestones. ``pace`` is how many months a pilot runs
    late (negative: early), so the provinces compare as they would: some on track, some
    behind. A milestone is done when its (shifted) day is before ``today``."""
    for order, name_tr, name_en, milestones in PILOT_PHASES:
        year = program.start_date.year + order - 1
        phase, _created = Phase.objects.get_or_create(
            program=program, order=order,
            defaults={"name_tr": name_tr, "name_en": name_en,
                      "start_date": datetime.date(year, 1, 1),
                      "end_date": datetime.date(year, 12, 31)})
        for title, month, weight in milestones:
            due = datetime.date(year, month, 28)
            done_month = month + pace
            done = datetime.date(year + (done_month - 1) // 12, (done_month - 1) % 12 + 1, 20)
            milestone, created = Milestone.objects.get_or_create(
                phase=phase, title_tr=title,
                defaults={"due_date": due, "done_date": done if done <= today else None,
                          "owner": host, "weight": weight,
                          "created_at": Milestone.created_with_programme(program)})
            if created:
                milestone.record_completion_dated()


def seed_cluster_pilots(today, by):
    """The five cluster pilot programmes with their host institutions, stakeholders,
    Cluster Information Centres, firms, candidate clusters at different stages, a
    consultation meeting, support and a financing pipeline. ``by`` (a user) is recorded
    as having made the stage changes and is made coordinator of each pilot."""
    programs = []
    with transaction.atomic():
        for pilot in PILOTS:
            start = datetime.date(today.year - 1, 1, 1)
            program, _created = Program.objects.get_or_create(
                slug=pilot["slug"],
                defaults={"name": pilot["name"], "province": pilot["province"],
                          "start_date": start, "end_date": datetime.date(start.year + 2, 12, 31),
                          "description": "Ticaret Bakanlığı kümelenme pilot programı.",
                          "target_firms_assessed": 0, "target_visits": 0})
            programs.append(program)
            Membership.objects.get_or_create(user=by, program=program, role=Role.COORDINATOR)
            host = _institution(program, *pilot["host"])
            others = [_institution(program, *row) for row in pilot["others"]]
            _seed_roadmap(program, host, pace=pilot["pace"], today=today)
            name, address, phone, email = pilot["centre"]
            centre, created = ClusterInformationCentre.objects.get_or_create(
                program=program, name=name,
                defaults={"host": host, "address": address, "phone": phone, "email": email})
            if created:
                for order, (person, position) in enumerate(pilot["staff"]):
                    CentreStaff.objects.create(centre=centre, name=person, position=position,
                                               sort_order=order)
            CriteriaWeights.objects.get_or_create(
                program=program, defaults={"economic_impact": 30, "demand": 30,
                                           "networking": 20, "factor_conditions": 20,
                                           "proposed_count": 2})
            firms = _firms(program, pilot)
            clusters = _seed_clusters(program, pilot["clusters"], lead=host, centre=centre,
                                      firms=firms, by=by, today=today)
            _seed_meeting(program, f"{pilot['province']} kümelenme istişare toplantısı",
                          today - datetime.timedelta(days=240), name, [host, *others],
                          clusters)
            _approve_cluster_plan(program, by)
            main = clusters[0]
            if main.reached >= 3:
                _seed_support(main, firms, (host, others[0]), today,
                              size=pilot.get("support_size", 1))
                _seed_financing(main, firms, by, today)
    return programs


def seed_kayseri_clusters(program, today, by):
    """Kayseri's candidates (furniture, machinery, textile) on its own firm registry and
    plan: the furniture cluster's action plan is the plan's clustering goal."""
    with transaction.atomic():
        institutions = {row.short_name: row for row in program.institutions.all()}
        lead = institutions.get("KTO") or program.institutions.first()
        centre, created = ClusterInformationCentre.objects.get_or_create(
            program=program, name="Kayseri Kümelenme Bilgi Merkezi",
            defaults={"host": lead, "address": "Kayseri Ticaret Odası, Kocasinan / Kayseri",
                      "phone": "0352 000 00 38", "email": "kumelenme@kto.example.org"})
        if created:
            CentreStaff.objects.create(centre=centre, name="Selin Aksoy",
                                       position="Merkez sorumlusu")
        firms = list(Firm.objects.filter(program=program, nace_code__startswith="31")
                     .order_by("tax_number")[:8])
        plan = PlanVersion.objects.current(program)
        goal = Goal.objects.filter(pillar__plan=plan, title_tr="Sektörel kümelerin kurulması",
                                   actions__isnull=False).first() if plan else None
        if goal is None:
            goal = _plan_goal(program, "Sektörel kümelerin kurulması", lead, today, by)
        clusters = _seed_clusters(program, KAYSERI_CLUSTERS, lead=lead, centre=centre,
                                  firms=firms, by=by, today=today, goal=goal)
        attendees = [institutions[name] for name in ("KTO", "KAYSO", "ORAN", "ERÜ", "KAGİD")
                     if name in institutions]
        _seed_meeting(program, "Kayseri kümelenme istişare toplantısı",
                      today - datetime.timedelta(days=60), "Kayseri Ticaret Odası",
                      attendees, clusters)
        if clusters[0].reached >= 3 and len(attendees) >= 3:
            _seed_support(clusters[0], firms, (attendees[0], attendees[2]), today)
            _seed_financing(clusters[0], firms, by, today)
    return clusters
