"""Reference lists the firm registry is checked against, shipped as data files.

``data/nace_rev2.csv``: NACE Rev. 2 (Regulation (EC) No 1893/2006; Eurostat's structure,
with Turkish titles after TÜİK's Turkish edition), written out for this project: every
division of every section, and every class of section C (manufacturing, divisions
10–33, where the programmes' producer firms are) plus the single-class divisions 37, 75,
97 and 99. Groups are not listed (a group is its class's first three digits). A class
of a division whose classes are listed must be one of them; a class of another division
is accepted when its division exists.

``data/tr_provinces_districts.csv``: Türkiye's 81 provinces by plate number, with the
districts (ilçe) of the provinces that run a programme in the demo: Kayseri, Çorum,
Gaziantep, Kahramanmaraş, Samsun and Trabzon. A district is checked against its
programme's province when that province's districts are listed.
"""

import csv
import datetime
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from fieldvisits.search import fold_turkish

DATA = Path(__file__).resolve().parent / "data"
EARLIEST_FOUNDING_YEAR = 1900
MOST_EMPLOYEES = 100_000


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@cache
def nace_entries():
    """``{code: (level, Turkish title, English title)}`` of every listed code."""
    return {row["code"]: (row["level"], row["tr"], row["en"]) for row in _rows("nace_rev2.csv")}


@cache
def _divisions_with_classes():
    return {code[:2] for code, (level, *_titles) in nace_entries().items() if level == "class"}


def nace_error(code):
    """Why ``code`` ("25.62") is not a NACE Rev. 2 class, or ``None`` when it is."""
    entries = nace_entries()
    division = (code or "")[:2]
    if division not in entries:
        return _("“%(code)s” is not a NACE Rev. 2 code: there is no division %(division)s.") % {
            "code": code, "division": division}
    if division in _divisions_with_classes() and code not in entries:
        return _("“%(code)s” is not a NACE Rev. 2 class of division %(division)s (%(title)s).") \
            % {"code": code, "division": division, "title": entries[division][1]}
    return None


@cache
def _districts():
    found = {}
    for row in _rows("tr_provinces_districts.csv"):
        districts = found.setdefault(fold_turkish(row["province"]), {})
        if row["district"]:
            districts[fold_turkish(row["district"])] = row["district"]
    return found


def district_error(district, province):
    """Why ``district`` is not a district of ``province``, or ``None`` when it is (or when
    the province's districts are not listed)."""
    known = _districts().get(fold_turkish(province or ""))
    if not known or fold_turkish(district or "") in known:
        return None
    return _("“%(district)s” is not a district of %(province)s. Districts: %(list)s.") % {
        "district": district, "province": province, "list": ", ".join(sorted(
            known.values(), key=fold_turkish))}


def founding_year_error(year):
    this_year = datetime.date.today().year
    if year is None or EARLIEST_FOUNDING_YEAR <= year <= this_year:
        return None
    return _("A founding year lies between %(earliest)s and %(this_year)s; %(year)s does not.") \
        % {"earliest": EARLIEST_FOUNDING_YEAR, "this_year": this_year, "year": year}


def employees_error(count):
    if count is None or count <= MOST_EMPLOYEES:
        return None
    return _("%(count)s employees is more than any firm in Türkiye has; check the figure.") % {
        "count": f"{count:,}".replace(",", ".")}
