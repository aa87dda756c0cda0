"""The zones and the career portal for the public site: what a zone page and a vacancy
list may show. No job seeker's data ever leaves here; a firm appears only through its
directory consent (its listing) or a vacancy it agreed to publish."""

from django.db.models import Q

from directory.models import Listing
from directory.search import listed_entries
from fieldvisits.search import fold_turkish
from zones.models import Vacancy, Zone
from zones.placements import published_placements
from zones.queries import zone_figures


def public_zone(program, slug):
    return Zone.objects.select_related("program").filter(program=program, slug=slug).first()


def zones_of(program):
    return Zone.objects.filter(program=program).order_by("name_tr")


def published_vacancies(*, program=None, zone=None, occupation="", district=""):
    """Open vacancies the firms agreed to publish, searchable by occupation (code or words
    of its Turkish or English label, Turkish letters folded) and district."""
    vacancies = Vacancy.objects.public().select_related("occupation", "firm", "zone")
    if zone is not None:
        vacancies = vacancies.filter(zone=zone)
    if program is not None:
        vacancies = vacancies.filter(zone__program=program)
    occupation = (occupation or "").strip()
    if occupation:
        if occupation.isdigit():
            vacancies = vacancies.filter(occupation__code__startswith=occupation)
        else:
            condition = Q()
            for word in occupation.split():
                folded = fold_turkish(word)
                condition &= (Q(occupation__label_tr__icontains=word)
                              | Q(occupation__label_tr__icontains=folded)
                              | Q(occupation__label_en__icontains=word))
            vacancies = vacancies.filter(condition)
    if district:
        vacancies = vacancies.filter(firm__district=district)
    return vacancies.order_by("closing_date", "-opened_at", "pk")


def vacancy_districts(program):
    return list(Vacancy.objects.public().filter(zone__program=program)
                .order_by("firm__district").values_list("firm__district", flat=True)
                .distinct())


def zone_directory_entries(zone):
    """The zone's firms that consented to the capability directory."""
    ids = Listing.objects.public().filter(firm__zone_row__zone=zone).values_list("pk",
                                                                                 flat=True)
    return listed_entries(list(ids))


def zone_page(zone, *, occupation=""):
    """Everything a zone's public page shows: its profile, its own figures with their
    source, the career portal's figures (per occupation under the disclosure rule), its
    firms in the capability directory and its published open vacancies."""
    return {"zone": zone, "zone_figures": zone_figures(zone),
            "figures": published_placements(zone.program, zone=zone),
            "firms": zone_directory_entries(zone), "occupation": occupation,
            "vacancies": published_vacancies(zone=zone, occupation=occupation)[:20]}
