"""Figures of the portfolio in the reader's language (see ``portfolio.formats``)."""

from django import template

from portfolio import formats

register = template.Library()


@register.filter
def portfolio_number(value):
    return formats.number(value)


@register.filter
def portfolio_percent(value):
    return formats.percent(value)
