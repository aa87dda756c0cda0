"""Listings and enquiries of the capability directory."""

import datetime

import factory

from directory.models import Enquiry, Listing
from fieldvisits.models import Capability
from tests.factories import FirmFactory, UserFactory


def with_capabilities(firm, *entries, english=None):
    """Give ``firm`` capabilities: ``("process", "CNC işleme")``…, named in English as
    ``english`` maps them (else as given)."""
    english = english or {}
    for kind, name in entries:
        Capability.objects.create(firm=firm, kind=kind, name_tr=name,
                                  name_en=english.get(name, name))
    return firm


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing
        rename = {"capacity": "capacity_tr"}

    firm = factory.SubFactory(FirmFactory)
    consented_on = factory.LazyFunction(lambda: datetime.date.today()
                                        - datetime.timedelta(days=30))
    recorded_by = factory.SubFactory(UserFactory)
    description_tr = "Talaşlı imalat atölyesi."
    description_en = "Machining workshop."
    capacity = "aylık 40 ton"


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    program = factory.SubFactory("tests.factories.ProgramFactory")
    need = "Paslanmaz çelik flanş, CNC işlenmiş"
    quantity = "500 adet"
    buyer_name = "Anna Schmidt"
    organisation = "Schmidt Maschinenbau GmbH"
    email = "anna@example.com"
