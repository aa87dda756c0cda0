"""Select widgets for long lists of rows (a programme's 2,000 firms).

Django renders every ``<option>`` through a template of its own: about 0.3 ms an option,
so a form with a firm select spent more than a second on it. These widgets write the
same markup in Python; the choices, the selected values and the attributes are Django's
own (``get_context``), only the rendering differs.
"""

import copy

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.admin.telepath import register as register_telepath_adapter
from wagtail.admin.telepath.widgets import SelectAdapter


def _attributes(attrs):
    """As Django's ``attrs.html``: in their order, ``True`` as a bare name, ``False`` left
    out."""
    return format_html_join("", "{}", (
        (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
        for name, value in attrs.items() if value is not False))


def _options(options):
    return format_html_join(
        "\n", "<option value=\"{}\"{}>{}</option>",
        ((str(option["value"]), _attributes(option["attrs"]), option["label"])
         for option in options))


class QuickRenderMixin:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = _options(options)
            groups.append(format_html("<optgroup label=\"{}\">{}</optgroup>", group_name,
                                      rendered) if group_name else rendered)
        return format_html("<select name=\"{}\"{}>{}</select>", widget["name"],
                           _attributes(widget["attrs"]), mark_safe("\n".join(groups)))


class QuickSelect(QuickRenderMixin, forms.Select):
    """``forms.Select`` rendered without a template per option."""


class QuickSelectMultiple(QuickRenderMixin, forms.SelectMultiple):
    """``forms.SelectMultiple`` rendered without a template per option."""


class QuickSelectAdapter(SelectAdapter):
    """Wagtail packs every field of an edit form for its scripts, with the widget's HTML
    as a template for new copies of the field. A form's own fields are never copied
    (the script binds to the select already on the page), so the template leaves the
    options out: a select of a programme's 2,000 firms was rendered, and sent, twice."""

    def js_args(self, widget):
        empty = copy.copy(widget)
        empty.choices = []
        return [empty.render("__NAME__", None, attrs={"id": "__ID__"})]


register_telepath_adapter(QuickSelectAdapter(), QuickSelect)
register_telepath_adapter(QuickSelectAdapter(), QuickSelectMultiple)


def render_quickly(field):
    """Swap the widget of a (multiple) choice ``field`` for its quick twin, keeping its
    attributes and choices."""
    widget = field.widget
    if type(widget) is forms.Select:
        quick = QuickSelect(attrs=widget.attrs, choices=widget.choices)
    elif type(widget) is forms.SelectMultiple:
        quick = QuickSelectMultiple(attrs=widget.attrs, choices=widget.choices)
    else:
        return
    quick.is_required = widget.is_required
    field.widget = quick
