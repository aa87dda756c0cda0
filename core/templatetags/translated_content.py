"""Template filters that show translated content with its language made visible.

``{{ action.title|in_language }}`` renders text in the reader's language as it is; text
that fell back to another language (see ``core.translation``) is wrapped in an element
with that language's ``lang`` attribute and followed by a small "(in Turkish)" marker, so
a reader (and a screen reader) knows, and a page never mixes languages silently.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core.translation import TranslatedText, fallback_marker

register = template.Library()


def _marker(language):
    return format_html('<small class="translation-fallback">{}</small>',
                       fallback_marker(language))


@register.filter
def in_language(value):
    """``value`` escaped; marked with its language when it is a fallback."""
    if not isinstance(value, TranslatedText) or not value.fallback:
        return conditional_escape(value)
    return format_html('<span lang="{}">{}</span> {}', value.language, str(value),
                       _marker(value.language))


@register.filter
def join_in_language(values, separator=", "):
    """``values`` joined by ``separator``: the reader's language first, then each
    fallback language's items together, each group marked with its language."""
    own, others = [], {}
    for value in values:
        if isinstance(value, TranslatedText) and value.fallback:
            others.setdefault(value.language, []).append(str(value))
        else:
            own.append(conditional_escape(value))
    parts = [conditional_escape(separator).join(own)] if own else []
    for language, texts in others.items():
        parts.append(format_html('<span lang="{}">{}</span> {}', language,
                                 separator.join(texts), _marker(language)))
    return mark_safe(conditional_escape(separator).join(parts))  # noqa: S308 - escaped above
