"""Demo data of the capability directory: about forty Kayseri demo firms that consented
to be listed, with descriptions in Turkish and English, and buyer enquiries in every
state of their handling.

Built on the field study's demo firms and capabilities (``fieldvisits.demo``); it makes
sure the directory holds a stainless-steel CNC machining shop, a foundry in Kocasinan and
a medical textile maker. Running it again adds nothing.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from directory.models import Enquiry, EnquiryEvent, Listing
from directory.search import search_directory
from fieldvisits.demo import capability_english
from fieldvisits.models import Capability, Firm
from fieldvisits.search import fold_turkish
from fieldvisits.sectors import NACE_LABELS
from tracker.access import Role
from tracker.models import Membership

LISTINGS = 40
# Capacities per NACE division, in Turkish and English.
CAPACITY = {
    "25": [("aylık 40 ton", "40 tonnes a month"), ("aylık 25.000 parça", "25,000 parts a month"),
           ("günde 2 vardiya, 18 CNC tezgâh", "2 shifts a day, 18 CNC machines")],
    "24": [("aylık 300 ton", "300 tonnes a month"), ("yıllık 4.000 ton", "4,000 tonnes a year")],
    "28": [("ayda 60 makine", "60 machines a month"), ("yıllık 1.200 ünite", "1,200 units a year")],
    "13": [("aylık 150.000 metre", "150,000 metres a month"),
           ("günde 8.000 adet", "8,000 pieces a day")],
    "14": [("aylık 40.000 adet", "40,000 pieces a month")],
    "31": [("ayda 2.500 takım", "2,500 sets a month"),
           ("aylık 6.000 adet", "6,000 pieces a month")],
}
DEFAULT_CAPACITY = [("", ""), ("aylık 10 ton", "10 tonnes a month")]
MUST_HAVE = [
    # (the firm wanted, from the best fitting choice of firm to the broadest, and the
    # capabilities it must have)
    ("stainless CNC", [{"nace_code": "25.62"}, {"nace_code__startswith": "25"}, {}],
     [("process", "CNC işleme"), ("material", "Paslanmaz çelik"), ("product", "Flanş")]),
    ("Kocasinan foundry", [{"district": "Kocasinan", "nace_code__startswith": "24"},
                           {"district": "Kocasinan"}, {}],
     [("process", "Döküm"), ("material", "Pik demir"), ("process", "Sfero döküm")]),
    ("medical textile", [{"nace_code__startswith": "13"}, {"nace_code__startswith": "14"}, {}],
     [("product", "Medikal tekstil"), ("product", "Cerrahi önlük"),
      ("certification", "ISO 13485")]),
]
ENQUIRIES = [
    {"status": Enquiry.Status.RECEIVED, "days": 1,
     "need": "Paslanmaz çelik (AISI 316) CNC işlenmiş flanş, teknik resme göre",
     "quantity": "1.500 adet", "buyer_name": "Anna Schmidt",
     "organisation": "Schmidt Anlagenbau GmbH", "email": "a.schmidt@example.com",
     "language": "en"},
    {"status": Enquiry.Status.MATCHED, "days": 4,
     "need": "Medical textile: surgical gowns, non-woven, CE marked", "quantity": "20.000 pcs",
     "buyer_name": "Leila Haddad", "organisation": "Medisupply SARL",
     "email": "l.haddad@example.com", "language": "en"},
    {"status": Enquiry.Status.FORWARDED, "days": 9, "need": "Pik demir döküm pompa gövdesi",
     "quantity": "aylık 5 ton", "buyer_name": "Murat Yılmaz",
     "organisation": "Yılmaz Pompa San. A.Ş.", "email": "murat@example.com.tr",
     "language": "tr"},
    {"status": Enquiry.Status.ANSWERED, "days": 20, "need": "Ofis mobilyası, 120 kişilik ofis",
     "quantity": "120 takım", "buyer_name": "Selin Aksoy", "organisation": "Aksoy Yapı",
     "email": "selin@example.com.tr", "language": "tr"},
    {"status": Enquiry.Status.CLOSED, "days": 15, "need": "Titanyum implant üretimi",
     "quantity": "", "buyer_name": "John Miller", "organisation": "Miller Ortho Ltd",
     "email": "john@example.com", "language": "en"},
]
MATCH_WORDS = {
    Enquiry.Status.MATCHED: "medikal tekstil", Enquiry.Status.FORWARDED: "döküm",
    Enquiry.Status.ANSWERED: "ofis mobilyası",
}


def _ensure_capabilities(firm, entries):
    for kind, name in entries:
        Capability.objects.get_or_create(firm=firm, kind=kind, name_folded=fold_turkish(name),
                                         defaults={"name_tr": name,
                                                   "name_en": capability_english(name)})


def _english(firm, capabilities):
    sector = NACE_LABELS.get(firm.nace_code, ("", firm.nace_code))[1]
    by_kind = {}
    for capability in capabilities:
        by_kind.setdefault(capability.kind, []).append(
            capability.name_en or capability.name_tr)
    parts = [f"{sector}, {firm.district}, Kayseri."]
    for kind, label in (("product", "Products"), ("process", "Processes"),
                        ("material", "Materials"), ("certification", "Certifications")):
        if by_kind.get(kind):
            parts.append(f"{label}: {', '.join(by_kind[kind])}.")
    return " ".join(parts)


def _turkish(firm, capabilities):
    sector = NACE_LABELS.get(firm.nace_code, (firm.nace_code, ""))[0]
    names = ", ".join(capability.name_tr for capability in capabilities
                      if capability.kind in ("product", "process"))
    text = f"{firm.district} / Kayseri'de {sector.lower()} alanında üretim."
    return f"{text} {names}." if names else text


def _pick_must_haves(firms):
    picked = []
    for _why, choices, capabilities in MUST_HAVE:
        for wanted in choices:
            firm = (firms.filter(**wanted).exclude(pk__in=[f.pk for f in picked])
                    .order_by("tax_number").first())
            if firm is not None:
                _ensure_capabilities(firm, capabilities)
                picked.append(firm)
                break
    return picked


@transaction.atomic
def seed_directory(program, today=None):
    """List about forty consenting demo firms of ``program`` and add demo enquiries;
    returns ``{"listings": …, "enquiries": …}`` created."""
    today = today or timezone.localdate()
    rng = random.Random(2027)
    recorder = (Membership.objects.filter(program=program, role=Role.COORDINATOR)
                .select_related("user").order_by("pk").first())
    if recorder is None:
        return {"listings": 0, "enquiries": 0}
    recorder = recorder.user
    firms = Firm.objects.filter(program=program)
    created = 0
    if not Listing.objects.filter(firm__program=program).exists():
        chosen = _pick_must_haves(firms)
        others = list(firms.exclude(pk__in=[firm.pk for firm in chosen])
                      .filter(capabilities__isnull=False).distinct().order_by("tax_number")
                      .values_list("pk", flat=True)[:2000])
        extra = rng.sample(others, k=min(len(others), LISTINGS - len(chosen)))
        chosen += list(firms.filter(pk__in=extra).order_by("tax_number"))
        for index, firm in enumerate(chosen):
            capabilities = list(firm.capabilities.order_by("kind", "name_tr"))
            consented = today - datetime.timedelta(days=rng.randrange(10, 200))
            capacity_tr, capacity_en = rng.choice(CAPACITY.get(firm.nace_code[:2],
                                                               DEFAULT_CAPACITY))
            Listing.objects.create(
                firm=firm, consented_on=consented, recorded_by=recorder,
                description_tr=_turkish(firm, capabilities),
                description_en=_english(firm, capabilities),
                capacity_tr=capacity_tr, capacity_en=capacity_en,
                contact_email=(f"satis{index + 1}@firma.example" if index % 2 == 0 else ""),
            )
            created += 1
    enquiries = 0
    if not Enquiry.objects.filter(program=program).exists():
        enquiries = _seed_enquiries(program, recorder, today)
    return {"listings": created, "enquiries": enquiries}


def _seed_enquiries(program, coordinator, today):
    count = 0
    for data in ENQUIRIES:
        data = dict(data)
        status = data.pop("status")
        received = timezone.make_aware(datetime.datetime.combine(
            today - datetime.timedelta(days=data.pop("days")), datetime.time(9, 30)))
        enquiry = Enquiry.objects.create(program=program, received_at=received, **data)
        EnquiryEvent.objects.create(enquiry=enquiry, to_status=Enquiry.Status.RECEIVED,
                                    at=received)
        words = MATCH_WORDS.get(status)
        listings = []
        if words:
            found = search_directory(program, words, page_size=3, today=today).entries
            listings = list(Listing.objects.filter(pk__in=[e.listing_id for e in found]))
        steps = []
        if listings:
            enquiry.matched_listings.set(listings)
            steps.append((Enquiry.Status.RECEIVED, Enquiry.Status.MATCHED,
                          ", ".join(listing.firm.trade_name for listing in listings)))
            if status in (Enquiry.Status.FORWARDED, Enquiry.Status.ANSWERED):
                steps.append((Enquiry.Status.MATCHED, Enquiry.Status.FORWARDED, steps[0][2]))
            if status == Enquiry.Status.ANSWERED:
                steps.append((Enquiry.Status.FORWARDED, Enquiry.Status.ANSWERED,
                              "Firma alıcıya teklif verdi."))
        elif status == Enquiry.Status.CLOSED:
            steps.append((Enquiry.Status.RECEIVED, Enquiry.Status.CLOSED,
                          "Rehberde bu üretimi yapan firma yok."))
        for hours, (from_status, to_status, note) in enumerate(steps, start=1):
            EnquiryEvent.objects.create(enquiry=enquiry, from_status=from_status,
                                        to_status=to_status, by=coordinator, note=note,
                                        at=received + datetime.timedelta(hours=4 * hours))
        final = steps[-1][1] if steps else Enquiry.Status.RECEIVED
        Enquiry.objects.filter(pk=enquiry.pk).update(status=final)
        count += 1
    return count
