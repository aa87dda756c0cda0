"""The Kayseri demo programme: its phases, milestones and council institutions.

Every function here is idempotent: rows are looked up by their natural keys and
created only when missing, so a second run changes nothing.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from tracker import demo_english as english
from tracker.models import (
    Action,
    CouncilMeeting,
    Decision,
    Goal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Institution,
    Milestone,
    Phase,
    Pillar,
    PlanVersion,
    Program,
    ReportingPeriod,
    Task,
    TaskEvent,
    TaskUpdate,
)
from tracker.services import revise_plan

D = datetime.date

PROGRAM = {
    "slug": "kayseri-ihracatta-donusum",
    "name_tr": "Kayseri İhracatta Dönüşüm",
    "name_en": "Kayseri Export Transformation",
    "name_fa": "تحول صادراتی قیصریه",
    "province": "Kayseri",
    "start_date": D(2026, 1, 1),
    "end_date": D(2028, 12, 31),
    "description_tr": (
        "Kayseri'nin üretici firmalarını ihracatta dönüştürmek için üç yıllık yol haritası: "
        "Dönüşüm, Gelişim ve Kazanım."
    ),
    "description_en": (
        "A three-year roadmap to turn Kayseri's producer firms into exporters: "
        "Transformation, Development and Achievement."
    ),
    "description_fa": (
        "نقشهٔ راه سه‌ساله برای تبدیل بنگاه‌های تولیدی قیصریه به صادرکننده: "
        "تحول، توسعه و دستاورد."
    ),
    "target_firms_assessed": 2000,
    "target_visits": 450,
}

INSTITUTIONS = [
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
    # They act on the workforce needs the visits report.
    ("İŞKUR Kayseri Çalışma ve İş Kurumu İl Müdürlüğü", "İŞKUR", "employment_agency"),
    ("Kayseri Üniversitesi Kayseri Meslek Yüksekokulu", "Kayseri MYO", "vocational_school"),
]

PHASES = [
    (1, "Dönüşüm", "Transformation", D(2026, 1, 1), D(2026, 12, 31),
     "Koordinasyon kurulu kurulur, 2.000'den fazla firma masa başında değerlendirilir, "
     "450 firma yerinde ziyaret edilir ve Üretim ve İhracat Stratejisi Eylem Planı hazırlanır.",
     "The coordination council is formed, more than 2,000 firms are assessed, 450 are "
     "visited on site and the Production and Export Strategy Action Plan is prepared."),
    (2, "Gelişim", "Development", D(2027, 1, 1), D(2027, 12, 31),
     "Paydaş kurumlar eylem planının eylemlerini birlikte ya da ayrı ayrı yürütür.",
     "The partner institutions carry out the plan's actions, jointly or separately."),
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


def seed_program():
    """Create the Kayseri programme with its council, phases and milestones."""
    slug = PROGRAM["slug"]
    program, _created = Program.objects.get_or_create(
        slug=slug, defaults={k: v for k, v in PROGRAM.items() if k != "slug"}
    )
    institutions = {}
    for name, short_name, kind in INSTITUTIONS:
        institution, _created = Institution.objects.get_or_create(
            program=program, name=name, defaults={"short_name": short_name, "kind": kind}
        )
        institutions[short_name] = institution
    phases = {}
    for order, name_tr, name_en, start, end, summary_tr, summary_en in PHASES:
        phase, _created = Phase.objects.get_or_create(
            program=program, order=order,
            defaults={"name_tr": name_tr, "name_en": name_en, "start_date": start,
                      "end_date": end, "summary_tr": summary_tr, "summary_en": summary_en},
        )
        phases[order] = phase
    for order, title, due, done, owner, weight in MILESTONES:
        milestone, created = Milestone.objects.get_or_create(
            phase=phases[order], title_tr=title,
            defaults={"title_en": english.MILESTONES[title], "due_date": due,
                      "done_date": done, "owner": institutions[owner], "weight": weight,
                      "created_at": Milestone.created_with_programme(program)},
        )
        if created:
            milestone.record_completion_dated()
    return program


# --- action plan, council, tasks and indicators -----------------------------------------

# The date the demo is staged around: due dates are spread so that on this day some
# tasks are overdue and some due within the week.
DEMO_TODAY = D(2026, 11, 23)

PILLARS = [
    ("P1", "Verimlilik", "Productivity"),
    ("P2", "Ortak çalışma kültürü ve kümelenme", "Joint work culture and clustering"),
    ("P3", "KOBİ'lerin kurumsallaşması", "Institutionalisation of SMEs"),
    ("P4", "Yenilikçi ve yüksek katma değerli ürünler", "Innovative and high value-added "
     "products"),
    ("P5", "Dijitalleşme", "Digitalisation"),
    ("P6", "Yeşil dönüşüm", "Green transformation"),
    ("P7", "Ar-Ge", "R&D"),
    ("P8", "İhracat pazarları", "Export markets"),
]

GOALS = {
    "P1": ["Üretim süreçlerinde yalın dönüşüm", "Enerji ve hammadde verimliliği",
           "Nitelikli iş gücü"],
    "P2": ["Sektörel kümelerin kurulması", "Ortak alım ve ortak satış", "Tedarik zinciri ağları"],
    "P3": ["Kurumsal yönetim ve aile anayasası", "Finansal yönetim ve raporlama",
           "İkinci kuşak yöneticilerin yetiştirilmesi"],
    "P4": ["Ürün geliştirme ve tasarım", "Markalaşma", "Yüksek teknolojili ürünlere geçiş"],
    "P5": ["Dijital olgunluk değerlendirmesi", "E-ihracat", "Akıllı üretim uygulamaları"],
    "P6": ["Karbon ayak izinin ölçülmesi", "SKDM'ye uyum", "Yenilenebilir enerji ve döngüsellik"],
    "P7": ["Üniversite–sanayi iş birliği", "Ar-Ge ve tasarım merkezleri", "Proje destekleri"],
    "P8": ["Hedef pazar analizleri", "Fuar ve alım heyetleri", "İhracat finansmanı ve sigorta"],
}

ACTION_STEMS = [
    "Eğitim ve danışmanlık programı", "Firma ziyaretleri ve ihtiyaç analizi",
    "Pilot uygulama", "Çalıştay", "Rehber ve araç seti hazırlanması",
    "Destek başvurularının hazırlanması", "İyi uygulama örneklerinin yaygınlaştırılması",
    "Ölçme ve izleme sistemi", "Mentorluk programı",
]

SECTORS = ["mobilya", "makine", "metal eşya", "gıda", "tekstil", "elektrikli ekipman",
           "plastik ve kauçuk", "yapı malzemeleri", "otomotiv yan sanayi"]

TASK_STEPS = ["Hazırlık ve iş planı", "Katılımcı firmaların belirlenmesi", "Uygulama",
              "Ara değerlendirme", "Sonuç raporu"]

FUNDING = ["ORAN mali destek programı", "KOSGEB", "Ticaret Bakanlığı (DYS)", "KTO bütçesi",
           "Büyükşehir Belediyesi", "AB IPA projesi"]

BLOCKED_REASONS = ["Destek programının onayı bekleniyor", "Katılımcı firma sayısı yetersiz",
                   "Bütçe henüz aktarılmadı", "Eğitmen sözleşmesi imzalanmadı"]

# Institutions that lead actions, most often first.
LEADS = ["KTO", "KAYSO", "ORAN", "KOSGEB", "OAİB", "ERÜ", "Büyükşehir", "KTB", "AGÜ", "KAYÜ",
         "KAGİD", "Ticaret Bakanlığı", "Valilik"]
LEAD_WEIGHTS = [22, 16, 10, 10, 9, 7, 5, 4, 4, 4, 3, 3, 3]

COUNCIL_MEETINGS = [
    (D(2026, 2, 10), "Koordinasyon kurulu kuruluş toplantısı",
     ["Koordinasyon kurulunun çalışma esasları kabul edildi.",
      "Saha çalışmasını KTO'nun yürütmesine karar verildi."]),
    (D(2026, 6, 12), "Kurul toplantısı: saha çalışması ara sonuçları",
     ["Erken uygulanacak eylemler için görevler başlatıldı.",
      "Saha çalışmasına üniversitelerden gözlemci katılmasına karar verildi."]),
    (D(2026, 9, 15), "Kurul toplantısı: eylem planının onayı",
     ["Üretim ve İhracat Stratejisi Eylem Planı (sürüm 1) onaylandı.",
      "Kümelenme çalıştaylarının takvimi belirlendi ve görevler başlatıldı."]),
    (D(2026, 11, 10), "Kurul toplantısı: uygulama izleme",
     ["Geciken görevler için kurumlardan eylem planı istenmesine karar verildi.",
      "Eylem planının revizyonu için taslak hazırlanmasına karar verildi."]),
]

# code, Turkish name, English name, unit, direction, baseline, targets for 2026–2028,
# actual 2025, estimate 2026
INDICATORS = [
    ("EXP", "İhracat", "Exports", "milyon USD", "higher", "3751", ["3950", "4300", "4750"],
     "3812", "3990"),
    ("IMP", "İthalat", "Imports", "milyon USD", "lower", "1556", ["1550", "1520", "1500"],
     "1574", "1541"),
    ("COV", "İhracatın ithalatı karşılama oranı", "Export/import coverage", "%", "higher",
     "241.07", ["255", "283", "317"], "242.19", "258.92"),
    ("CTRY", "İhracat yapılan ülke sayısı", "Destination countries", "ülke", "higher", "187",
     ["190", "195", "200"], "188", "191"),
    ("FIRM", "İhracatçı firma sayısı", "Exporting firms", "firma", "higher", "3000",
     ["3150", "3350", "3600"], "3040", "3120"),
]
BASELINE_SOURCE = "TİM ve Ticaret Bakanlığı, 2024 yılı il bazında dış ticaret verileri"


def _weighted_choice(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def _task_state(rng, due, today):
    """A realistic state for a task due on ``due``, seen on ``today``."""
    age = (today - due).days
    if age > 30:
        table = [(Task.Status.DONE, 85), (Task.Status.IN_PROGRESS, 8), (Task.Status.BLOCKED, 7)]
    elif age > 0:
        table = [(Task.Status.DONE, 50), (Task.Status.IN_PROGRESS, 30), (Task.Status.TO_DO, 10),
                 (Task.Status.BLOCKED, 10)]
    elif age >= -7:
        table = [(Task.Status.DONE, 20), (Task.Status.IN_PROGRESS, 50), (Task.Status.TO_DO, 30)]
    else:
        table = [(Task.Status.DONE, 5), (Task.Status.IN_PROGRESS, 25), (Task.Status.BLOCKED, 5),
                 (Task.Status.TO_DO, 65)]
    states, weights = zip(*table, strict=True)
    return _weighted_choice(rng, states, weights)


def seed_action_plan(program, coordinator, focal_points, scale=1, today=DEMO_TODAY):
    """Council meetings, an approved plan (v1) with ~200 actions and ~1,000 tasks, a draft
    revision (v2), and the programme indicators. Skipped when the programme has a plan."""

    if PlanVersion.objects.filter(program=program).exists():
        return {"actions": Action.objects.in_current_plan(program).count(),
                "tasks": Task.objects.in_program(program).count()}
    rng = random.Random(2026)
    institutions = {s.short_name: s for s in program.institutions.all()}
    phases = {p.order: p for p in program.phases.all()}
    # Approved ten weeks before the demo's day (15.09.2026 for the default day).
    approved_at = timezone.make_aware(datetime.datetime.combine(
        today - datetime.timedelta(days=69), datetime.time(16, 0)))
    with transaction.atomic():
        meetings = []
        decisions = []
        for date, title, texts in COUNCIL_MEETINGS:
            meeting = CouncilMeeting.objects.create(
                program=program, date=date, title_tr=title,
                title_en=english.COUNCIL[title][0], title_fa=english.COUNCIL[title][1],
                notes="")
            meeting.attendees.set(list(institutions.values()))
            meetings.append(meeting)
            for number, text in enumerate(texts, start=1):
                english_text, persian_text = english.COUNCIL[text]
                decisions.append(Decision.objects.create(
                    meeting=meeting, number=number, text_tr=text, text_en=english_text,
                    text_fa=persian_text))
        task_starting_decisions = [decisions[2], decisions[5], decisions[6]]

        plan = PlanVersion.objects.create(
            program=program, number=1, title_tr="Üretim ve İhracat Stratejisi Eylem Planı",
            title_en=english.PLAN_TITLE,
            status=PlanVersion.Status.APPROVED, approved_by=coordinator, approved_at=approved_at,
            created_at=approved_at - datetime.timedelta(days=20),
        )
        pillars = Pillar.objects.bulk_create(
            [Pillar(plan=plan, order=i, code=code, name_tr=tr, name_en=en)
             for i, (code, tr, en) in enumerate(PILLARS, start=1)]
        )
        goals = Goal.objects.bulk_create(
            [Goal(pillar=pillar, order=j, code=f"{pillar.code}.{j}", title_tr=title,
                  title_en=english.GOALS[title])
             for pillar in pillars for j, title in enumerate(GOALS[pillar.code], start=1)]
        )
        actions = []
        lead_names = [name for name in LEADS if name in institutions]
        lead_weights = [w for name, w in zip(LEADS, LEAD_WEIGHTS, strict=True)
                        if name in institutions]
        actions_per_goal = 8 * scale
        for goal in goals:
            for k in range(1, actions_per_goal + 1 + (goal.order == 1)):
                start = D(2026, 6, 1) + datetime.timedelta(days=rng.randrange(0, 460))
                end = min(start + datetime.timedelta(days=rng.randrange(90, 450)),
                          D(2028, 11, 30))
                phase = phases[1] if start.year == 2026 else phases[2 if start.year == 2027
                                                                    else 3]
                stem, sector = rng.choice(ACTION_STEMS), rng.choice(SECTORS)
                actions.append(Action(
                    goal=goal, code=f"{goal.code}.{k}", title_tr=f"{stem}: {sector}",
                    title_en=english.action_title(stem, sector),
                    description_tr="Saha çalışması bulgularına dayanan eylem.",
                    description_en=english.ACTION_DESCRIPTION,
                    lead=institutions[_weighted_choice(rng, lead_names, lead_weights)],
                    phase=phase, start_date=start, end_date=end,
                    budget_try=rng.randrange(50, 2500) * 1000,
                    funding_source=rng.choice(FUNDING),
                ))
        actions = Action.objects.bulk_create(actions)
        Partners = Action.partners.through
        partner_rows = []
        partners_of = {}
        for action in actions:
            candidates = [s for s in institutions.values() if s.pk != action.lead_id]
            chosen = rng.sample(candidates, k=_weighted_choice(rng, [0, 1, 2, 3], [35, 30, 25, 10]))
            partners_of[action.pk] = chosen
            partner_rows += [Partners(action_id=action.pk, institution_id=s.pk) for s in chosen]
        Partners.objects.bulk_create(partner_rows)

        tasks = []
        for index, action in enumerate(actions):
            span = (action.end_date - action.start_date).days
            institutions = [action.lead] + partners_of[action.pk]
            for step_index, step in enumerate(TASK_STEPS):
                due = action.start_date + datetime.timedelta(
                    days=round(span * (step_index + 1) / len(TASK_STEPS)))
                if (index * len(TASK_STEPS) + step_index) % 9 == 0:
                    due = today + datetime.timedelta(days=rng.randrange(-25, 8))
                status = _task_state(rng, due, today)
                percent = {Task.Status.DONE: 100, Task.Status.TO_DO: 0}.get(
                    status, rng.randrange(10, 85, 5))
                # Made two weeks before its action starts, or before its first update.
                created_on = min(action.start_date, min(due, today) - datetime.timedelta(
                    days=3)) - datetime.timedelta(days=14)
                tasks.append(Task(
                    created_at=timezone.make_aware(datetime.datetime.combine(
                        created_on, datetime.time(9, 0))),
                    action=action, program=program, title_tr=f"{step} — {action.code}",
                    title_en=english.task_title(step, action.code),
                    assigned_institution=institutions[step_index % len(institutions)],
                    due_date=due, status=status, percent_complete=percent,
                    blocked_reason=(rng.choice(BLOCKED_REASONS)
                                    if status == Task.Status.BLOCKED else ""),
                    decision=(task_starting_decisions[index % 3] if index % 7 == 0 else None),
                ))
        tasks = Task.objects.bulk_create(tasks)

        posters = {fp_institution: user for user, fp_institution in focal_points}
        updates = []
        for task in tasks:
            if task.status == Task.Status.TO_DO:
                continue
            posted_by = posters.get(task.assigned_institution_id, coordinator)
            posted_on = min(task.due_date, today) - datetime.timedelta(days=3)
            updates.append(TaskUpdate(
                task=task, posted_by=posted_by,
                posted_at=timezone.make_aware(datetime.datetime.combine(
                    posted_on, datetime.time(10, 30))),
                text={Task.Status.DONE: "Tamamlandı; rapor ektedir.",
                      Task.Status.BLOCKED: task.blocked_reason,
                      }.get(task.status, "Çalışmalar sürüyor."),
                percent_complete=task.percent_complete, status_after=task.status,
            ))
        TaskUpdate.objects.bulk_create(updates)
        TaskEvent.objects.bulk_create(
            [TaskEvent(task=update.task, at=update.posted_at, recorded_at=update.posted_at,
                       status=update.status_after,
                       percent_complete=update.percent_complete,
                       blocked_reason=update.task.blocked_reason, by=update.posted_by)
             for update in updates], batch_size=2000)

        draft = revise_plan(plan=plan, by=coordinator,
                            title="Üretim ve İhracat Stratejisi Eylem Planı — 2027 revizyonu")
        _seed_indicators(program, coordinator, actions[:: max(1, len(actions) // 8)][:8])
    return {"actions": len(actions), "tasks": len(tasks), "draft": draft.number}


def _seed_indicators(program, coordinator, actions):
    period_2025 = ReportingPeriod.objects.create(
        program=program, label="2025", start_date=D(2025, 1, 1), end_date=D(2025, 12, 31))
    period_2026 = ReportingPeriod.objects.create(
        program=program, label="2026", start_date=D(2026, 1, 1), end_date=D(2026, 12, 31))
    for code, name_tr, name_en, unit, direction, baseline, targets, actual_2025, estimate_2026 \
            in INDICATORS:
        indicator = Indicator.objects.create(
            program=program, code=code, name_tr=name_tr, name_en=name_en, unit_tr=unit,
            unit_en=english.UNITS[unit],
            direction=direction, baseline_value=baseline, baseline_year=2024,
            baseline_source_tr=BASELINE_SOURCE, baseline_source_en=english.BASELINE_SOURCE,
        )
        IndicatorTarget.objects.bulk_create(
            [IndicatorTarget(indicator=indicator, year=2026 + i, value=value)
             for i, value in enumerate(targets)]
        )
        IndicatorValue.objects.create(indicator=indicator, period=period_2025, value=actual_2025,
                                      source="TİM kesinleşmiş veri")
        IndicatorValue.objects.create(indicator=indicator, period=period_2026,
                                      value=estimate_2026,
                                      source="TİM ön veri (Ocak–Ekim, yıllıklandırılmış)")
    for number, action in enumerate(actions, start=1):
        indicator = Indicator.objects.create(
            program=program, action=action, code=f"A{number}",
            name_tr=f"Eyleme katılan firma sayısı ({action.code})",
            name_en=english.TARGET_FIRMS.format(code=action.code), unit_tr="firma",
            unit_en=english.UNITS["firma"],
            baseline_value=0,
            baseline_year=2026,
        )
        IndicatorTarget.objects.create(indicator=indicator, year=2027, value=20 + 5 * number)
    period_2025.locked_by = coordinator
    period_2025.locked_at = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
    period_2025.save(update_fields=["locked_by", "locked_at"])
