"""What a reader saw wrong on the programme report's pages: pillar names cut inside a word
in the progress chart, brackets facing the wrong way and a Turkish title's number carried
to the far end on Persian pages, and the "(in Turkish)" marker printed twice in one cell."""

import arabic_reshaper
from django.utils import translation
from reportlab.graphics.charts.barcharts import HorizontalBarChart

from reports import charts, programme, rtl

PILLAR = "P3 Institutionalisation of SMEs and family firms"


def chart_labels(flowable):
    drawing = flowable._content[0]
    chart = next(shape for shape in drawing.contents if isinstance(shape, HorizontalBarChart))
    return chart.categoryAxis.categoryNames


def test_pillar_chart_shows_the_whole_name_broken_between_words():
    (label,) = chart_labels(charts.bar_chart([PILLAR], [[30]], title="Progress per pillar (%)",
                                             horizontal=True))
    assert label.split() == PILLAR.split()
    assert len(label.splitlines()) == 2


def test_persian_chart_labels_are_shaped_line_by_line():
    name = "محور همکاری و خوشه‌سازی صنایع کوچک و متوسط"
    with translation.override("fa"):
        (label,) = chart_labels(charts.bar_chart([name], [[30]], title="پیشرفت",
                                                 horizontal=True))
    words = name.split()
    # Each line shaped and reordered on its own: a break between two words of the name.
    assert any(label.splitlines() == [rtl.visual(" ".join(words[:cut])),
                                      rtl.visual(" ".join(words[cut:]))]
               for cut in range(1, len(words)))


def test_persian_brackets_face_the_text_they_enclose():
    drawn = rtl.visual("Dönüşüm (به ترکی)")
    marker = arabic_reshaper.reshape("به ترکی")[::-1]
    assert drawn == f"({marker}) Dönüşüm"
    quoted = arabic_reshaper.reshape("«شناسایی‌شده»")[1:-1][::-1]
    assert rtl.visual("به «شناسایی‌شده» رسیدند").count(f"«{quoted}»") == 1


def test_turkish_title_on_a_persian_page_keeps_its_number_in_front():
    drawn = rtl.visual("2.000 firmanın masa başı değerlendirmesi (به ترکی)")
    assert drawn.endswith(") ۲.۰۰۰ firmanın masa başı değerlendirmesi")


def test_name_and_unit_that_fell_back_carry_one_marker():
    with translation.override("en"):
        assert programme.name_and_unit("İhracat (in Turkish)", "milyon USD (in Turkish)") \
            == "İhracat (milyon USD) (in Turkish)"
        assert programme.name_and_unit("Exports", "million USD") == "Exports (million USD)"
        assert programme.name_and_unit("İhracat (in Turkish)", "%") \
            == "İhracat (in Turkish) (%)"
