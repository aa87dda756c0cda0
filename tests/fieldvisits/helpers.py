from django.utils import translation

COMPLETE_ANSWERS = {"maturity": "4", "capacity": "72", "staff_needed": "3",
                    "obstacles": ["finance", "staff"], "notes": "Fuar desteği istiyor."}


def shown(text):
    """``text`` as the interface shows it to the test client (English, see conftest)."""
    with translation.override("en"):
        return str(translation.gettext(text))
