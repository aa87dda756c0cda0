"""The directory's search: listed firms only, Turkish letters folded, best matches first.

A query's words are matched against each listed firm's capability inventory, its sector
(NACE labels in Turkish and English), trade name and public descriptions. A word naming
a district of the listed firms narrows to that district, as the admin's firm search does.

Letters Turkish keyboards add are folded away ("celik" finds "çelik") unless the buyer
typed them: "döküm" (casting) then does not find "dokuma" (weaving). Dotted and dotless
I always count as one letter, so "ISLEME" finds "işleme".

Ranking, in the database: a firm matching more of the words comes first; among those,
matches in what the firm makes and does (products, processes) weigh more than
materials, certifications, sector, and far more than a word in its name or description.
The words are looked for in the listing's search copies (``Listing.search_*``), so one
query over the programme's listings ranks and pages them whatever their number; on
PostgreSQL a trigram index (``pg_trgm``) serves the substring match.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When

from core.translation import columns
from directory.models import Listing
from fieldvisits.models import Capability
from fieldvisits.search import fold_turkish, soft_fold
from fieldvisits.sectors import nace_label

# (search copy, weight of a word found there); the first place a word is found counts.
PLACES = [
    ("search_made", 5), ("search_materials", 4), ("search_certifications", 3),
    ("search_sector", 2), ("search_other", 1),
]
PAGE_SIZE = 20
MAX_WORDS = 8
_MARKED = set("şçğöü")


@dataclass(frozen=True)
class Term:
    folded: str
    # The word as typed, when it carries letters that folding would lose.
    marked: str = ""

    @property
    def needle(self):
        """What to look for in a search copy (see ``directory.models.searchable``)."""
        return self.marked or self.folded


def query_terms(text):
    """The words of a query, one- and two-letter words ignored, each once."""
    terms = {}
    for word in re.split(r"[^\w]+", soft_fold(text)):
        folded = fold_turkish(word)
        if len(folded) > 2 and folded not in terms:
            terms[folded] = Term(folded, word if _MARKED & set(word) else "")
    return list(terms.values())[:MAX_WORDS]


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
    # The ``django.core.paginator.Page`` shown, for the links to the others.
    page: object = None

    @property
    def searched(self):
        return bool(self.query.strip())


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
        capacity=listing.capacity, description=listing.description,
        terms_matched=terms_matched, score=score,
    )


def _with_details(listings):
    return listings.select_related("firm").only(
        "pk", "firm", *columns("capacity", "description"),
        "firm__trade_name", "firm__trade_name_folded", "firm__district",
        "firm__industrial_zone", "firm__nace_code",
    ).prefetch_related(Prefetch("firm__capabilities",
                                queryset=Capability.objects.order_by("kind", "name_tr")))


def _word_weight(term):
    """The weight of the best place ``term`` is found for a listing, 0 if nowhere."""
    return Case(*[When(**{f"{place}__contains": term.needle}, then=Value(weight))
                  for place, weight in PLACES],
                default=Value(0), output_field=IntegerField())


def _ranked(listings, words):
    """``listings`` holding any of ``words``, annotated with ``terms_matched`` and
    ``score`` and ordered best first, all in one SQL statement."""
    weights = [_word_weight(term) for term in words]
    matched = [Case(When(**{"search_all__contains": term.needle}, then=Value(1)),
                    default=Value(0), output_field=IntegerField()) for term in words]
    any_word = Q()
    for term in words:
        any_word |= Q(search_all__contains=term.needle)
    return listings.filter(any_word).annotate(
        terms_matched=sum(matched[1:], matched[0]),
        score=sum(weights[1:], weights[0]),
    ).order_by("-terms_matched", "-score", "firm__trade_name_folded", "pk")


def search_directory(program, text, *, page=1, page_size=PAGE_SIZE, today=None):
    """Listed firms of ``program`` matching ``text``, best first, one page of them.

    Four queries whatever the number of firms: the districts, the count, the page's
    listings and their capabilities."""
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
    if words:
        listings = _ranked(listings, words)
    else:
        listings = listings.order_by("firm__trade_name_folded", "pk")
    found = Paginator(_with_details(listings), page_size).get_page(page)
    entries = [_entry(listing, getattr(listing, "terms_matched", 0),
                      getattr(listing, "score", 0)) for listing in found]
    return DirectoryResults(query=text or "", entries=entries, total=found.paginator.count,
                            districts=wanted_districts, page=found)


def listed_entries(listing_ids, today=None):
    """The public cards of the listed firms among ``listing_ids``, by trade name."""
    listings = Listing.objects.public(today).filter(pk__in=listing_ids)
    return [_entry(listing) for listing in _with_details(listings.order_by("firm__trade_name"))]


def listed_entry(listing_id, today=None):
    """The public card of one listed firm, or ``None`` when it is not (or no longer)
    listed."""
    listing = _with_details(Listing.objects.public(today).filter(pk=listing_id)).first()
    return _entry(listing) if listing else None


@dataclass(frozen=True)
class FirmSearchText:
    """What the site search may hold of one listed firm (nothing a card does not show)."""

    listing_id: int
    trade_name: str
    trade_name_query: str
    text: str
    summary: str


def firm_search_texts(program, today=None):
    """The listed firms of ``program`` as the site search indexes them, in the active
    language: name, sector, district, capabilities (which have one language) and the
    description in the active language, else the other. Two queries."""
    listings = _with_details(Listing.objects.public(today).filter(firm__program=program)
                             .order_by("firm__trade_name_folded", "pk"))
    found = []
    for listing in listings:
        entry = _entry(listing)
        made = entry.products + entry.processes
        found.append(FirmSearchText(
            listing_id=entry.listing_id, trade_name=entry.trade_name,
            trade_name_query=quote(entry.trade_name),
            text=" ".join([entry.sector, entry.district, entry.industrial_zone, *made,
                           *entry.materials, *entry.certifications, entry.capacity,
                           entry.description]),
            summary=" · ".join(filter(None, [entry.district, entry.sector, ", ".join(made)])),
        ))
    return found


def public_listing_ids(program, today=None):
    """The ids of ``program``'s listings the public may see, as a subquery."""
    return Listing.objects.public(today).filter(firm__program=program).values("pk")
