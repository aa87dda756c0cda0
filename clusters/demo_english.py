"""English of the demo clusters and support deliveries, keyed by the Turkish text
``clusters.demo`` writes."""

CLUSTERS = {
    "Kayseri Mobilya Kümesi": "Kayseri Furniture Cluster",
    "Kayseri Makine İmalatı Kümesi": "Kayseri Machinery Manufacturing Cluster",
    "Kayseri Tekstil ve Halı Kümesi": "Kayseri Textile and Carpet Cluster",
    "Gıda İşleme Makineleri Kümesi": "Food Processing Machinery Cluster",
    "Değirmen ve Un Makineleri Kümesi": "Mill and Flour Machinery Cluster",
    "Tuğla ve Kiremit Kümesi": "Brick and Roof Tile Cluster",
    "Ayakkabı Kümesi": "Footwear Cluster",
    "Ayakkabı Yan Sanayi Kümesi": "Footwear Suppliers Cluster",
    "Makine Halısı Kümesi": "Machine-made Carpet Cluster",
    "Metal Mutfak Eşyaları Kümesi": "Metal Kitchenware Cluster",
    "Hazır Giyim Kümesi": "Ready-to-wear Clothing Cluster",
    "Tıbbi Cihaz ve Malzemeler Kümesi": "Medical Devices and Supplies Cluster",
    "Tarım Makineleri Kümesi": "Agricultural Machinery Cluster",
    "Gemi ve Yat İnşa Kümesi": "Ship and Yacht Building Cluster",
    "Mobilya Kümesi": "Furniture Cluster",
}

SUPPORT = {
    "Ortak marka tescili ve kurumsal kimlik": "Shared brand registration and corporate identity",
    "İhracat konsorsiyumu ilk yıl bütçesi": "Export consortium first-year budget",
    "Uluslararası fuar katılım indirimi": "International trade-fair participation discount",
    "Dış ticaret ve pazarlama eğitimi": "Foreign trade and marketing training",
}
