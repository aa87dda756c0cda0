"""django-import-export widgets that read cells as people type them and say exactly
what is wrong with a cell, in the user's language, instead of a conversion error.

``render(value, force_native_type=True)`` gives the typed value for XLSX cells (a date,
a number); otherwise the text a person reads (labels, "23.11.2026", "1234,5").
"""

import datetime
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from import_export import widgets

from core.formats import local_date
from core.importing.cells import fold, is_blank, parse_number, restore_formula


def _native(kwargs):
    return bool(kwargs.get("force_native_type"))


def refuse_empty():
    raise ValueError(_("This column cannot be empty."))


class OptionalWidget(widgets.Widget):
    """A widget whose empty cell means ``None``, or is refused when ``required``."""

    def __init__(self, required=False):
        super().__init__()
        self.required = required

    def empty(self):
        if self.required:
            refuse_empty()
        return None


class TextWidget(widgets.Widget):
    def __init__(self, max_length=None, required=False):
        super().__init__()
        self.max_length = max_length
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.required:
                refuse_empty()
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = restore_formula(str(value).strip())
        if self.max_length and len(text) > self.max_length:
            raise ValueError(_("“%(value)s…” is longer than %(max)d characters.")
                             % {"value": text[:30], "max": self.max_length})
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NumberWidget(OptionalWidget):
    """Whole numbers (``places=0``) or decimals, within ``minimum``…``maximum``."""

    def __init__(self, places=0, minimum=None, maximum=None, required=False):
        super().__init__(required=required)
        self.places, self.minimum, self.maximum = places, minimum, maximum

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return self.empty()
        number = parse_number(value)
        shown = value if isinstance(value, str) else number_format(number)
        if self.places == 0 and number != number.to_integral_value():
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": shown})
        if self.places and number != round(number, self.places):
            raise ValueError(_("“%(value)s” has more than %(places)d decimal places.")
                             % {"value": shown, "places": self.places})
        too_low = self.minimum is not None and number < self.minimum
        too_high = self.maximum is not None and number > self.maximum
        if too_low or too_high:
            if self.minimum is not None and self.maximum is not None:
                message = _("“%(value)s”: must be from %(min)s to %(max)s.")
            elif too_low:
                message = _("“%(value)s”: must be at least %(min)s.")
            else:
                message = _("“%(value)s”: must be at most %(max)s.")
            raise ValueError(message % {"value": shown, "min": self.minimum,
                                        "max": self.maximum})
        return int(number) if self.places == 0 else number.quantize(Decimal(1).scaleb(-self.places))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if _native(kwargs) else ""
        if _native(kwargs):
            return int(value) if self.places == 0 else float(value)
        text = str(value)
        # Turkish spreadsheets read a decimal comma; no thousands separator, so the
        # text imports back whichever language wrote it.
        return text.replace(".", ",") if (get_language() or "tr").startswith("tr") else text


class BooleanWidget(widgets.Widget):
    TRUE = {"evet", "e", "yes", "y", "true", "doğru", "var", "1", "x", "✓"}
    FALSE = {"hayır", "hayir", "h", "no", "n", "false", "yanlış", "yok", "0", ""}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if value is None:
            return False
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        word = fold(value)
        if word in self.TRUE:
            return True
        if word in self.FALSE:
            return False
        raise ValueError(_("“%(value)s”: write Yes or No.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return _("Yes") if value else _("No")


class DateWidget(OptionalWidget):
    FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%d-%m-%Y")

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return self.empty()
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip().split(" ")[0]
        for date_format in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date; write it as 23.11.2026.")
                         % {"value": value})

    def render(self, value, obj=None, **kwargs):
        if _native(kwargs):
            return value
        return local_date(value)


class ChoiceWidget(widgets.Widget):
    """A choice given by its label in Turkish or English ("Tamamlandı", "Done") or its
    code ("done"); exported as the label in the user's language."""

    def __init__(self, choices, required=True, default=None):
        super().__init__()
        self.choices = choices
        self.required = required
        self.default = default
        self._lookup = None

    def lookup(self):
        if self._lookup is None:
            lookup = {}
            for language in ("en", "tr"):
                with override(language):
                    for code, label in self.choices.choices:
                        lookup[fold(label)] = code
            for code in self.choices.values:
                lookup[fold(code)] = code
            self._lookup = lookup
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.default is not None:
                return self.default
            if self.required:
                refuse_empty()
            return ""
        code = self.lookup().get(fold(value))
        if code is None:
            allowed = ", ".join(str(label) for label in self.choices.labels)
            raise ValueError(_("“%(value)s” is not one of: %(allowed)s.")
                             % {"value": value, "allowed": allowed})
        return code

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        try:
            return str(self.choices(value).label)
        except ValueError:
            return str(value)


class LookupWidget(OptionalWidget):
    """A related row named by its natural key (a code, a name, a tax number), found among
    the rows the resource allows (its programme only).

    ``rows`` is a callable returning the candidate queryset; ``keys`` maps a row to the
    texts that name it; ``render_key`` gives the text written on export.
    """

    def __init__(self, rows, keys, render_key, not_found, required=True):
        super().__init__(required=required)
        self.rows, self.keys, self.render_key = rows, keys, render_key
        self.not_found = not_found
        self._index = None

    def reset(self):
        self._index = None

    def index(self):
        if self._index is None:
            index = {}
            for row in self.rows():
                for key in self.keys(row):
                    if key not in (None, ""):
                        index.setdefault(fold(key), row)
            self._index = index
        return self._index

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return self.empty()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        found = self.index().get(fold(value))
        if found is None:
            raise ValueError(self.not_found % {"value": value})
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.render_key(value)
