"""The quick select widgets write the markup Django's templates write: the same options,
values, labels, selection, groups and attributes."""

import re

from django import forms

from core.widgets import QuickSelect, QuickSelectMultiple, render_quickly

CHOICES = [("", "---------"), ("1", "Akın & Oğul <Makine>"), ("2", "İnci Döküm"),
           ("Bölge", [("3", "OSB 1"), ("4", "OSB 2")])]


def normalised(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


def test_a_single_select_renders_as_djangos_does():
    attrs = {"id": "id_firm", "class": "wide", "required": True}
    django = forms.Select(attrs=attrs, choices=CHOICES).render("firm", "2")
    quick = QuickSelect(attrs=attrs, choices=CHOICES).render("firm", "2")
    assert normalised(quick) == normalised(django)
    assert '<option value="2" selected>İnci Döküm</option>' in quick
    assert "Akın &amp; Oğul &lt;Makine&gt;" in quick


def test_a_multiple_select_renders_as_djangos_does():
    django = forms.SelectMultiple(choices=CHOICES).render("members", ["1", "4"])
    quick = QuickSelectMultiple(choices=CHOICES).render("members", ["1", "4"])
    assert normalised(quick) == normalised(django)
    assert quick.count(" selected") == 2
    assert '<optgroup label="Bölge">' in quick


def test_render_quickly_keeps_the_fields_choices_and_attributes():
    field = forms.ChoiceField(choices=CHOICES, widget=forms.Select(attrs={"class": "wide"}))
    render_quickly(field)
    assert isinstance(field.widget, QuickSelect)
    assert field.widget.attrs == {"class": "wide"}
    assert list(field.widget.choices) == CHOICES


def test_render_quickly_leaves_other_widgets_alone():
    field = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    render_quickly(field)
    assert type(field.widget) is forms.CheckboxSelectMultiple
