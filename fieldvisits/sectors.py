"""NACE Rev.2 codes used for firm sectors, with Turkish and English labels.

The list covers the manufacturing classes found among the programme's producer
firms; a code outside it is still accepted if it has the NACE form (``NN.NN``).
"""

from django.utils.translation import get_language

NACE_LABELS = {
    "10.13": ("Et ve kümes hayvanları etlerinden üretilen ürünler", "Meat and poultry products"),
    "10.51": ("Süt ürünleri imalatı", "Dairy products"),
    "10.61": ("Öğütülmüş tahıl ürünleri", "Grain mill products"),
    "10.71": ("Ekmek ve taze pastane ürünleri", "Bread and fresh pastry"),
    "10.81": ("Şeker imalatı", "Sugar"),
    "13.20": ("Dokuma", "Weaving of textiles"),
    "13.93": ("Halı ve kilim imalatı", "Carpets and rugs"),
    "14.13": ("Dış giyim eşyası imalatı", "Outerwear"),
    "16.10": ("Ağaç biçme ve planyalama", "Sawmilling and planing of wood"),
    "16.21": ("Kaplama ve ahşap esaslı panel", "Veneer sheets and wood-based panels"),
    "20.30": ("Boya ve vernik imalatı", "Paints and varnishes"),
    "22.21": ("Plastik levha, tüp ve profil", "Plastic plates, tubes and profiles"),
    "22.29": ("Diğer plastik ürünler", "Other plastic products"),
    "23.32": ("Kil ve pişmiş kil inşaat malzemeleri", "Bricks and tiles"),
    "23.61": ("Beton ürünleri", "Concrete products for construction"),
    "24.10": ("Ana demir ve çelik ürünleri", "Basic iron and steel"),
    "24.42": ("Alüminyum üretimi", "Aluminium production"),
    "25.11": ("Metal yapı ve yapı parçaları", "Metal structures and parts"),
    "25.62": ("Metallerin işlenmesi (talaşlı imalat)", "Machining"),
    "25.72": ("Kilit ve menteşe imalatı", "Locks and hinges"),
    "25.99": ("Başka yerde sınıflandırılmamış metal ürünler", "Other fabricated metal products"),
    "27.11": ("Elektrik motoru, jeneratör ve transformatör", "Electric motors and transformers"),
    "27.32": ("Elektrik tel ve kabloları", "Electric wires and cables"),
    "27.51": ("Elektrikli ev aletleri", "Electric domestic appliances"),
    "28.22": ("Kaldırma ve taşıma ekipmanları", "Lifting and handling equipment"),
    "28.25": ("Soğutma ve havalandırma ekipmanları", "Cooling and ventilation equipment"),
    "28.30": ("Tarım ve ormancılık makineleri", "Agricultural and forestry machinery"),
    "28.92": ("Maden, taşocağı ve inşaat makineleri", "Mining and construction machinery"),
    "29.32": ("Motorlu kara taşıtları için parça ve aksesuar", "Motor vehicle parts"),
    "31.01": ("Büro ve mağaza mobilyaları", "Office and shop furniture"),
    "31.02": ("Mutfak mobilyaları", "Kitchen furniture"),
    "31.03": ("Yatak imalatı", "Mattresses"),
    "31.09": ("Diğer mobilyalar", "Other furniture"),
}


# NACE Rev.2 divisions (the first two digits) of the classes above.
NACE_DIVISIONS = {
    "10": ("Gıda ürünleri", "Food products"),
    "13": ("Tekstil ürünleri", "Textiles"),
    "14": ("Giyim eşyası", "Wearing apparel"),
    "16": ("Ağaç ve ağaç ürünleri", "Wood and wood products"),
    "20": ("Kimyasallar ve kimyasal ürünler", "Chemicals and chemical products"),
    "22": ("Kauçuk ve plastik ürünler", "Rubber and plastic products"),
    "23": ("Diğer metalik olmayan mineral ürünler", "Other non-metallic mineral products"),
    "24": ("Ana metaller", "Basic metals"),
    "25": ("Fabrikasyon metal ürünleri", "Fabricated metal products"),
    "27": ("Elektrikli teçhizat", "Electrical equipment"),
    "28": ("Başka yerde sınıflandırılmamış makine ve ekipman", "Machinery and equipment n.e.c."),
    "29": ("Motorlu kara taşıtları", "Motor vehicles"),
    "31": ("Mobilya", "Furniture"),
}


def _in_language(labels):
    return labels[1] if (get_language() or "tr").startswith("en") else labels[0]


def division_label(division):
    labels = NACE_DIVISIONS.get(division)
    return _in_language(labels) if labels else division


def nace_label(code):
    labels = NACE_LABELS.get(code)
    return _in_language(labels) if labels else code


def nace_choices():
    return [(code, f"{code} {nace_label(code)}") for code in NACE_LABELS]
