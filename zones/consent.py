"""The first version of the job seekers' KVKK information and consent text
(``data/consent_v1_tr.txt`` and ``_en.txt``). Later versions are new ``ConsentText`` rows
written in the admin; this one is loaded by a migration."""

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
RETENTION_MONTHS = 12


def first_version():
    """``(text_tr, text_en, retention_months)`` of version 1."""
    return ((DATA / "consent_v1_tr.txt").read_text(encoding="utf-8").strip(),
            (DATA / "consent_v1_en.txt").read_text(encoding="utf-8").strip(),
            RETENTION_MONTHS)
