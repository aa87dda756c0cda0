"""English of the Kayseri demo programme's plan, roadmap and indicators, keyed by the
Turkish text ``tracker.demo`` writes, so the demo's English pages read English; the
council's meetings and decisions also in Persian."""

GOALS = {
    "Üretim süreçlerinde yalın dönüşüm": "Lean transformation of production processes",
    "Enerji ve hammadde verimliliği": "Energy and raw material efficiency",
    "Nitelikli iş gücü": "Skilled workforce",
    "Sektörel kümelerin kurulması": "Setting up sector clusters",
    "Ortak alım ve ortak satış": "Joint purchasing and joint sales",
    "Tedarik zinciri ağları": "Supply chain networks",
    "Kurumsal yönetim ve aile anayasası": "Corporate governance and family constitutions",
    "Finansal yönetim ve raporlama": "Financial management and reporting",
    "İkinci kuşak yöneticilerin yetiştirilmesi": "Training second-generation managers",
    "Ürün geliştirme ve tasarım": "Product development and design",
    "Markalaşma": "Branding",
    "Yüksek teknolojili ürünlere geçiş": "Moving to high-technology products",
    "Dijital olgunluk değerlendirmesi": "Digital maturity assessment",
    "E-ihracat": "E-exports",
    "Akıllı üretim uygulamaları": "Smart manufacturing",
    "Karbon ayak izinin ölçülmesi": "Measuring the carbon footprint",
    "SKDM'ye uyum": "Compliance with the EU Carbon Border Adjustment Mechanism",
    "Yenilenebilir enerji ve döngüsellik": "Renewable energy and circularity",
    "Üniversite–sanayi iş birliği": "University–industry cooperation",
    "Ar-Ge ve tasarım merkezleri": "R&D and design centres",
    "Proje destekleri": "Project grants",
    "Hedef pazar analizleri": "Target market analyses",
    "Fuar ve alım heyetleri": "Trade fairs and buyer delegations",
    "İhracat finansmanı ve sigorta": "Export finance and insurance",
}

ACTION_STEMS = {
    "Eğitim ve danışmanlık programı": "Training and consultancy programme",
    "Firma ziyaretleri ve ihtiyaç analizi": "Firm visits and needs analysis",
    "Pilot uygulama": "Pilot project",
    "Çalıştay": "Workshop",
    "Rehber ve araç seti hazırlanması": "Guide and toolkit",
    "Destek başvurularının hazırlanması": "Preparing grant applications",
    "İyi uygulama örneklerinin yaygınlaştırılması": "Spreading good practice",
    "Ölçme ve izleme sistemi": "Measurement and monitoring system",
    "Mentorluk programı": "Mentoring programme",
}

SECTORS = {
    "mobilya": "furniture", "makine": "machinery", "metal eşya": "metal goods",
    "gıda": "food", "tekstil": "textiles", "elektrikli ekipman": "electrical equipment",
    "plastik ve kauçuk": "plastics and rubber", "yapı malzemeleri": "building materials",
    "otomotiv yan sanayi": "automotive suppliers",
}

PLAN_TITLE = "Production and Export Strategy Action Plan"
ACTION_DESCRIPTION = "An action based on the findings of the field study."

TASK_STEPS = {
    "Hazırlık ve iş planı": "Preparation and work plan",
    "Katılımcı firmaların belirlenmesi": "Selecting the participating firms",
    "Uygulama": "Implementation",
    "Ara değerlendirme": "Interim review",
    "Sonuç raporu": "Final report",
}

MILESTONES = {
    "Koordinasyon kurulunun kurulması": "Coordination council set up",
    "Saha çalışması yönteminin ve anketin onaylanması":
        "Field study method and questionnaire approved",
    "2.000 firmanın masa başı değerlendirmesi": "Desk assessment of 2,000 firms",
    "450 firmaya yerinde ziyaret": "On-site visits to 450 firms",
    "Saha bulguları raporu": "Field findings report",
    "Üretim ve İhracat Stratejisi Eylem Planının onaylanması":
        "Production and Export Strategy Action Plan approved",
    "Eylem planı uygulama protokollerinin imzalanması":
        "Implementation protocols of the action plan signed",
    "Kümelenme çalıştayları": "Clustering workshops",
    "Dijital dönüşüm ve yeşil dönüşüm destek programı":
        "Digital and green transformation support programme",
    "Ara değerlendirme raporu": "Interim evaluation report",
    "Hedef göstergelerin ölçülmesi": "Target indicators measured",
    "Nihai değerlendirme ve kazanım raporu": "Final evaluation and achievement report",
}

UNITS = {"milyon USD": "million USD", "ülke": "countries", "firma": "firms", "%": "%"}

BASELINE_SOURCE = ("TİM (Turkish Exporters Assembly) and the Ministry of Trade, foreign trade "
                   "by province, 2024")
TARGET_FIRMS = "Firms taking part ({code})"


# Turkish title or decision → (English, Persian)
COUNCIL = {
    "Koordinasyon kurulu kuruluş toplantısı": (
        "Founding meeting of the coordination council",
        "نشست تأسیس شورای هماهنگی"),
    "Koordinasyon kurulunun çalışma esasları kabul edildi.": (
        "The coordination council's rules of procedure were adopted.",
        "آیین‌نامهٔ کار شورای هماهنگی تصویب شد."),
    "Saha çalışmasını KTO'nun yürütmesine karar verildi.": (
        "The council decided that the Chamber of Commerce (KTO) carries out the field study.",
        "شورا تصمیم گرفت مطالعهٔ میدانی را اتاق بازرگانی (KTO) انجام دهد."),
    "Kurul toplantısı: saha çalışması ara sonuçları": (
        "Council meeting: interim results of the field study",
        "نشست شورا: نتایج میانی مطالعهٔ میدانی"),
    "Erken uygulanacak eylemler için görevler başlatıldı.": (
        "Tasks were started for the actions to be carried out early.",
        "وظایف اقدام‌هایی که زودتر اجرا می‌شوند آغاز شد."),
    "Saha çalışmasına üniversitelerden gözlemci katılmasına karar verildi.": (
        "The council decided that observers from the universities join the field study.",
        "شورا تصمیم گرفت ناظرانی از دانشگاه‌ها در مطالعهٔ میدانی شرکت کنند."),
    "Kurul toplantısı: eylem planının onayı": (
        "Council meeting: approval of the action plan",
        "نشست شورا: تصویب برنامهٔ اقدام"),
    "Üretim ve İhracat Stratejisi Eylem Planı (sürüm 1) onaylandı.": (
        "The Production and Export Strategy Action Plan (version 1) was approved.",
        "برنامهٔ اقدام راهبرد تولید و صادرات (نسخهٔ ۱) تصویب شد."),
    "Kümelenme çalıştaylarının takvimi belirlendi ve görevler başlatıldı.": (
        "The calendar of the clustering workshops was set and their tasks were started.",
        "زمان‌بندی کارگاه‌های خوشه‌سازی تعیین و وظایف آن‌ها آغاز شد."),
    "Kurul toplantısı: uygulama izleme": (
        "Council meeting: monitoring the implementation",
        "نشست شورا: پایش اجرا"),
    "Geciken görevler için kurumlardan eylem planı istenmesine karar verildi.": (
        "The council decided to ask the institutions for a plan for their overdue tasks.",
        "شورا تصمیم گرفت از نهادها برای وظایف عقب‌افتاده برنامهٔ اقدام بخواهد."),
    "Eylem planının revizyonu için taslak hazırlanmasına karar verildi.": (
        "The council decided to prepare a draft revision of the action plan.",
        "شورا تصمیم گرفت پیش‌نویس بازنگری برنامهٔ اقدام تهیه شود."),
}


def action_title(stem, sector):
    return f"{ACTION_STEMS[stem]}: {SECTORS[sector]}"


def task_title(step, action_code):
    return f"{TASK_STEPS[step]} — {action_code}"
