"""The directory's search: listed firms only, Turkish letters folded, best matches first.

A query's words are matched against each listed firm's capability inventory, its sector
(NACE labels in Turkish and English), trade name and public descriptions. A word naming
a district of the listed firms narrows to that district, as the admin's firm search does.

Letters Turkish keyboards add are folded away ("celik" finds "çelik") unless the buyer
typed them: "döküm" (casting) then does not find "dokuma" (weaving). Dotted and dotless
I always count as one letter, so "ISLEME" finds "işleme".

Ranking: a firm matching more of the words comes first; among those, matches in what the
firm makes and does (products, processes) weigh more than materials, certifications,
sector, and far more than a word in its name or description.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import get_language

from directory.models import Listing
from fieldvisits.models import Capability
from fieldvisits.search import fold_turkish
from fieldvisits.sectors import NACE_LABELS, nace_label

KIND_WEIGHTS = {
    Capability.Kind.PRODUCT: 5,
    Capability.Kind.PROCESS: 5,
    Capability.Kind.MATERIAL: 4,
    Capability.Kind.CERTIFICATION: 3,
}
SECTOR_WEIGHT = 2
NAME_WEIGHT = 1
TEXT_WEIGHT = 1
DEFAULT_LIMIT = 30

_FOLDED_SECTORS = {code: fold_turkish(f"{tr} {en}") for code, (tr, en) in NACE_LABELS.items()}
_MARKED = set("şçğöü")


def soft_fold(text):
    """Lower-case by Turkish rules and merge the two I's, keeping ş ç ğ ö ü."""
    lowered = (text or "").replace("İ", "i").replace("I", "ı").lower().replace("\u0307", "")
    return lowered.translate(str.maketrans({"ı": "i", "â": "a", "î": "i", "û": "u"}))


@dataclass(frozen=True)
class Term:
    folded: str
    # The word as typed, when it carries letters that folding would lose.
    marked: str = ""

    def found_in(self, text):
        return (self.marked in soft_fold(text)) if self.marked else (
            self.folded in fold_turkish(text))


def query_terms(text):
    """The words of a query, one- and two-letter words ignored, each once."""
    terms = {}
    for word in re.split(r"[^\w]+", soft_fold(text)):
        folded = fold_turkish(word)
        if len(folded) > 2 and folded not in terms:
            terms[folded] = Term(folded, word if _MARKED & set(word) else "")
    return list(terms.values())


@dataclass(frozen=True)
class DirectoryEntry:
    """What the public sees of one listed firm; nothing else of the firm leaves."""

    listing_id: int
    trade_name: str
    district: str
    industrial_zone: str
    sector: str
    products: list = field(default_factory=list)
    materials: list = field(default_factory=list)
    processes: list = field(default_factory=list)
    certifications: list = field(default_factory=list)
    capacity: str = ""
    description: str = ""
    terms_matched: int = 0
    score: int = 0


@dataclass(frozen=True)
class DirectoryResults:
    query: str
    entries: list
    total: int
    districts: list = field(default_factory=list)

    @property
    def searched(self):
        return bool(self.query.strip())


def _sector_codes(term):
    return [code for code, folded in _FOLDED_SECTORS.items() if term in folded]


def _description(listing):
    english = (get_language() or "tr").startswith("en")
    first, second = ((listing.description_en, listing.description_tr) if english
                     else (listing.description_tr, listing.description_en))
    return first or second


def _entry(listing, terms_matched=0, score=0):
    firm = listing.firm
    names = {kind: [] for kind in Capability.Kind.values}
    for capability in firm.capabilities.all():
        names[capability.kind].append(capability.name)
    return DirectoryEntry(
        listing_id=listing.pk, trade_name=firm.trade_name, district=firm.district,
        industrial_zone=firm.industrial_zone, sector=nace_label(firm.nace_code),
        products=names[Capability.Kind.PRODUCT], materials=names[Capability.Kind.MATERIAL],
        processes=names[Capability.Kind.PROCESS],
        certifications=names[Capability.Kind.CERTIFICATION],
        capacity=listing.capacity, description=_description(listing),
        terms_matched=terms_matched, score=score,
    )


def _sector_text(code):
    labels = NACE_LABELS.get(code)
    return f"{labels[0]} {labels[1]}" if labels else code


def _term_score(term, listing):
    """The weight of the best place ``term`` appears for ``listing``, 0 if nowhere."""
    firm = listing.firm
    best = 0
    for capability in firm.capabilities.all():
        if term.found_in(capability.name):
            best = max(best, KIND_WEIGHTS[capability.kind])
    if term.found_in(_sector_text(firm.nace_code)):
        best = max(best, SECTOR_WEIGHT)
    if term.found_in(firm.trade_name):
        best = max(best, NAME_WEIGHT)
    if term.found_in(" ".join([listing.description_tr, listing.description_en,
                               listing.capacity])):
        best = max(best, TEXT_WEIGHT)
    return best


def _with_details(listings):
    return listings.select_related("firm").only(
        "pk", "firm", "capacity", "description_tr", "description_en", "search_folded",
        "firm__trade_name", "firm__trade_name_folded", "firm__district",
        "firm__industrial_zone", "firm__nace_code",
    ).prefetch_related(Prefetch("firm__capabilities",
                                queryset=Capability.objects.order_by("kind", "name")))


def search_directory(program, text, *, limit=DEFAULT_LIMIT, today=None):
    """Listed firms of ``program`` matching ``text``, best first, at most ``limit``.

    At most four queries whatever the number of firms: the districts, the matching
    listings and their capabilities (and a count when nothing is searched)."""
    listings = Listing.objects.public(today).filter(firm__program=program).order_by()
    terms = query_terms(text or "")
    districts = {
        fold_turkish(name): name
        for name in listings.values_list("firm__district", flat=True).distinct()
    }
    wanted_districts = sorted({districts[term.folded] for term in terms
                               if term.folded in districts})
    if wanted_districts:
        listings = listings.filter(firm__district__in=wanted_districts)
    words = [term for term in terms if term.folded not in districts]
    if not words:
        total = listings.count()
        rows = _with_details(listings.order_by("firm__trade_name", "pk"))[:limit]
        return DirectoryResults(query=text or "", entries=[_entry(row) for row in rows],
                                total=total, districts=wanted_districts)
    matches_any = Q()
    for word in (term.folded for term in words):
        matches_any |= (
            Exists(Capability.objects.filter(firm=OuterRef("firm"), name_folded__contains=word))
            | Q(firm__trade_name_folded__contains=word)
            | Q(search_folded__contains=word)
            | Q(firm__nace_code__in=_sector_codes(word))
        )
    scored = []
    for listing in _with_details(listings.filter(matches_any)):
        weights = [_term_score(word, listing) for word in words]
        matched = sum(1 for weight in weights if weight)
        if matched:
            scored.append((-matched, -sum(weights), fold_turkish(listing.firm.trade_name),
                           listing.pk, listing, matched, sum(weights)))
    scored.sort(key=lambda row: row[:4])
    entries = [_entry(listing, matched, score)
               for *_key, listing, matched, score in scored[:limit]]
    return DirectoryResults(query=text, entries=entries, total=len(scored),
                            districts=wanted_districts)


def listed_entries(listing_ids, today=None):
    """The public cards of the listed firms among ``listing_ids``, by trade name."""
    listings = Listing.objects.public(today).filter(pk__in=listing_ids)
    return [_entry(listing) for listing in _with_details(listings.order_by("firm__trade_name"))]


def listed_entry(listing_id, today=None):
    """The public card of one listed firm, or ``None`` when it is not (or no longer)
    listed."""
    listing = _with_details(Listing.objects.public(today).filter(pk=listing_id)).first()
    return _entry(listing) if listing else None
