"""Content in every language: one column per content language and an accessor that
reads the reader's language, falling back to the original with a visible marker.

A translatable field ``title`` is three ordinary columns, ``title_tr``, ``title_en`` and
``title_fa``, declared on the model, and one accessor::

    title_tr = models.CharField(_("title (Turkish)"), max_length=250)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=250, blank=True)
    title = translated("title")

``obj.title`` is a :class:`TranslatedText` (a ``str``) in the active language; when that
column is empty it is the first filled one in ``CONTENT_LANGUAGES`` order (the original,
Turkish, first) and says so (``.fallback``, ``.language``), so a template can mark it with
``|in_language`` (``lang`` attribute and "(in Turkish)") instead of mixing languages
silently. Assigning ``obj.title = …`` (or ``Model(title=…)``) writes the original column.

Why this and not django-modeltranslation: modeltranslation adds the same columns, but it
replaces the models' managers to rewrite ``filter(title=…)`` into the active language,
which this project's QuerySets (``for_user``, as-of reads, the directory's ranked search)
and its import/export resources would have to be checked against query by query; its
fallback is silent, with nothing that tells a page which language it got; and its Wagtail
integration trails Wagtail's releases. Plain columns keep every query, index, ordering and
spreadsheet column explicit (``title_tr`` is what a query, an ordering and an import use),
and the accessor is twenty lines.
"""

from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Content languages, the original first: the fallback order after the reader's own.
CONTENT_LANGUAGES = [("tr", _("Turkish")), ("en", _("English")), ("fa", _("Persian"))]
LANGUAGE_CODES = [code for code, _name in CONTENT_LANGUAGES]
ORIGINAL_LANGUAGE = LANGUAGE_CODES[0]


def reader_language():
    """The content language of the active request, the original when it has none."""
    active = (get_language() or ORIGINAL_LANGUAGE).split("-")[0].lower()
    return active if active in LANGUAGE_CODES else ORIGINAL_LANGUAGE


def language_name(code):
    return dict(CONTENT_LANGUAGES).get(code, code)


class TranslatedText(str):
    """Text in ``language``; ``fallback`` when it is not the reader's language."""

    language = ORIGINAL_LANGUAGE
    fallback = False

    def __new__(cls, text="", language=ORIGINAL_LANGUAGE, fallback=False):
        value = super().__new__(cls, text)
        value.language = language
        value.fallback = fallback
        return value

    def __reduce__(self):
        # Copied, pickled (a report's worker process) and serialised with its language.
        return (TranslatedText, (str(self), self.language, self.fallback))


def fallback_marker(language):
    """"(in Turkish)", in the reader's language: what a text in ``language`` shown to a
    reader of another language is marked with, on pages and in reports alike."""
    return _("(in %(language)s)") % {"language": language_name(language)}


def with_marker(value):
    """``value`` as plain text, followed by its :func:`fallback_marker` when it fell back
    to another language: for output that has no ``lang`` attribute (a PDF, a CSV)."""
    if isinstance(value, TranslatedText) and value.fallback:
        return f"{value} {fallback_marker(value.language)}"
    return str(value)


def pick(values, language=None):
    """The text of ``values`` (language code → text) for a reader of ``language``."""
    wanted = language or reader_language()
    text = values.get(wanted) or ""
    if text:
        return TranslatedText(text, wanted)
    for code in LANGUAGE_CODES:
        if values.get(code):
            if not any(character.isalpha() for character in values[code]):
                # "%", "2026", "–": the same in every language, so nothing to mark.
                return TranslatedText(values[code], wanted)
            return TranslatedText(values[code], code, fallback=True)
    return TranslatedText("", wanted)


class translated(property):
    """The accessor of a translatable field ``base`` (columns ``base_tr``, ``base_en``,
    ``base_fa``). A ``property``, so ``Model(base=…)`` and ``obj.base = …`` write the
    original column, as they wrote the single column this replaced."""

    def __init__(self, base):
        self.base = base

        def get(obj):
            return pick(values_of(obj, base))

        # A listing's column of the accessor is headed as the field is named ("Başlık"),
        # not with its attribute's name in English ("Title").
        get.short_description = _(base.replace("_", " "))
        super().__init__(get, self._set, doc=f"{base} in the reader's language")

    def __set_name__(self, owner, name):
        fields = list(getattr(owner, "translated_fields", ()))
        owner.translated_fields = (*fields, name) if name not in fields else tuple(fields)

    def _set(self, obj, value):
        setattr(obj, column(self.base, ORIGINAL_LANGUAGE), value)


def column(base, language):
    return f"{base}_{language}"


def columns(*bases):
    """Every language's column of each of ``bases``: ``title_tr, title_en, title_fa, …``."""
    return [column(base, code) for base in bases for code in LANGUAGE_CODES]


def values_of(obj, base):
    return {code: getattr(obj, column(base, code), "") or "" for code in LANGUAGE_CODES}


def missing_languages(obj):
    """The content languages in which ``obj`` lacks a translation of a field filled in
    some other language, in ``CONTENT_LANGUAGES`` order."""
    missing = []
    for code in LANGUAGE_CODES:
        for base in getattr(obj, "translated_fields", ()):
            values = values_of(obj, base)
            if any(values.values()) and not values[code]:
                missing.append(code)
                break
    return missing


def missing_filter(model, language):
    """A ``Q`` for rows of ``model`` lacking ``language`` in a field filled in the
    original language."""
    condition = Q()
    for base in model.translated_fields:
        condition |= ~Q(**{column(base, ORIGINAL_LANGUAGE): ""}) & Q(
            **{column(base, language): ""})
    return condition


def missing_label(obj):
    """The names of the content languages ``obj`` lacks, for an editor's listing."""
    return ", ".join(str(language_name(code)) for code in missing_languages(obj)) or "—"


def pick_from(row, base, language=None):
    """``base`` for the reader from a ``values()`` row holding its language columns."""
    return pick({code: row.get(column(base, code)) or "" for code in LANGUAGE_CODES}, language)
