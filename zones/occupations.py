"""The ISCO-08 list shipped in ``data/isco08.csv`` and the bridge from the field study's
workforce question codes onto it."""

import csv
from pathlib import Path

from django.db import transaction

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


class OccupationFileError(ValueError):
    """A row of the occupations file that cannot be loaded; nothing was written."""


def _checked(rows):
    codes = {row["code"] for row in rows}
    for number, row in enumerate(rows, start=2):
        code, parent = row["code"], row["parent"]
        if not (code.isdigit() and 1 <= len(code) <= 4):
            raise OccupationFileError(f"line {number}: “{code}” is not an ISCO-08 code.")
        if parent != code[:-1] or (parent and parent not in codes):
            raise OccupationFileError(
                f"line {number}: {code} must hang under “{code[:-1]}”, a code of the file.")
        if not row["label_en"].strip() or not row["label_tr"].strip():
            raise OccupationFileError(f"line {number}: {code} needs both labels.")
    return sorted(rows, key=lambda row: len(row["code"]))


def load_occupations(model, path=DATA_FILE):
    """Create or update every row of the file in ``model`` (the ``Occupation`` model, or its
    historical version in a migration), level by level so parents exist first; returns the
    row count. A file with a bad row loads nothing (:class:`OccupationFileError` names the
    line). Loading the same file again changes nothing."""
    rows = _checked(read_rows(path))
    with transaction.atomic():
        stored = {occupation.code: occupation for occupation in model.objects.all()}
        for level in range(1, 5):
            created, changed = [], []
            for row in (row for row in rows if len(row["code"]) == level):
                parent = stored.get(row["parent"])
                values = {"level": level, "parent_id": parent.pk if parent else None,
                          "label_en": row["label_en"].strip(),
                          "label_tr": row["label_tr"].strip()}
                occupation = stored.get(row["code"])
                if occupation is None:
                    created.append(model(code=row["code"], **values))
                elif any(getattr(occupation, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(occupation, name, value)
                    changed.append(occupation)
            model.objects.bulk_create(created)
            model.objects.bulk_update(changed, ["level", "parent", "label_en", "label_tr"])
            # Read back this level's rows: the next level hangs under them.
            stored.update({occupation.code: occupation
                           for occupation in model.objects.filter(level=level)})
    return len(rows)
