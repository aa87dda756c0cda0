"""The ISCO-08 list shipped in ``data/isco08.csv`` and the bridge from the field study's
workforce question codes onto it."""

import csv
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "isco08.csv"

# The field questionnaire's workforce occupations (``fieldvisits.workforce.OCCUPATIONS``)
# on ISCO-08 unit groups. A turner sets and runs a lathe: 7223 (machine-tool setters and
# operators), not 7224 (polishers and grinders). The demo's designers design products in
# manufacturing firms: 2163; interior designers (3432) are not asked about. "Other" has no
# code and makes no vacancy.
WORKFORCE_ISCO = {
    "welder": "7212",
    "cnc_operator": "7223",
    "turner": "7223",
    "software_developer": "2512",
    "designer": "2163",
}


def read_rows(path=DATA_FILE):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_occupations(model, path=DATA_FILE):
    """Create or update every row of the file in ``model`` (the ``Occupation`` model, or its
    historical version in a migration), parents before children; returns the row count."""
    rows = sorted(read_rows(path), key=lambda row: len(row["code"]))
    by_code = {}
    for row in rows:
        occupation, _created = model.objects.update_or_create(
            code=row["code"],
            defaults={"level": len(row["code"]), "label_en": row["label_en"],
                      "label_tr": row["label_tr"],
                      "parent": by_code.get(row["parent"]) if row["parent"] else None})
        by_code[row["code"]] = occupation
    return len(rows)
