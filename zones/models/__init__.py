from zones.models.matching import CANDIDACY_WORKFLOW, Candidacy, CandidacyEvent
from zones.models.occupations import Occupation
from zones.models.seekers import ConsentText, CvAccess, JobSeeker, is_zone_staff
from zones.models.vacancies import Vacancy
from zones.models.zones import (
    OFFICE_ROLES,
    ZONE_STAFF_GROUP,
    Zone,
    ZoneFirm,
    ZoneMembership,
    zones_for,
)

__all__ = [
    "CANDIDACY_WORKFLOW", "OFFICE_ROLES", "ZONE_STAFF_GROUP", "Candidacy", "CandidacyEvent",
    "ConsentText", "CvAccess", "JobSeeker", "Occupation", "Vacancy", "Zone", "ZoneFirm",
    "ZoneMembership", "is_zone_staff", "zones_for",
]
