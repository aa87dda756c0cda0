"""Dates and digits in templates as the reader's language writes them (``core.formats``):
``{{ visit.scheduled_date|reader_date }}`` is ``06.12.2026`` in Turkish and English and
``۱۴۰۵/۰۹/۱۵`` for Persian readers."""

from django import template

from core import formats

register = template.Library()


@register.filter
def reader_date(value):
    return formats.local_date(value)


@register.filter
def reader_datetime(value):
    return formats.local_datetime(value)


@register.filter
def reader_digits(value):
    """A number or text whose digits the reader's script writes (Persian digits in fa)."""
    if value is None or value == "":
        return value
    return formats.in_reader_script(value)
