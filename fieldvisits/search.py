"""Turkish-aware text folding for searches that must match "İSTANBUL", "istanbul" and
"Istanbul" alike, and "paslanmaz çelik" typed as "paslanmaz celik"."""

import re

_FOLD = str.maketrans({
    "ı": "i", "ş": "s", "ğ": "g", "ç": "c", "ö": "o", "ü": "u", "â": "a", "î": "i", "û": "u",
})


def turkish_lower(text):
    """Lower-case ``text`` by Turkish rules: "ISIL İŞLEM" → "ısıl işlem"."""
    return (text or "").replace("İ", "i").replace("I", "ı").lower().replace("\u0307", "")


def fold_turkish(text):
    """Lower-case ``text`` by Turkish rules, then drop the diacritics Turkish keyboards add.

    Dotted and dotless I both fold to ``i`` so a search typed on any keyboard matches.
    """
    return turkish_lower(text).translate(_FOLD)


_MERGE_I = str.maketrans({"ı": "i", "â": "a", "î": "i", "û": "u"})


def soft_fold(text):
    """Lower-case ``text`` by Turkish rules and merge the two I's, keeping ş ç ğ ö ü:
    "DÖKÜM" and "döküm" become one word, "dokuma" stays another."""
    return turkish_lower(text).translate(_MERGE_I)


def search_terms(text):
    """The folded words of a search box entry, ignoring one- and two-letter words."""
    return [word for word in re.split(r"[^\w]+", fold_turkish(text)) if len(word) > 2]
