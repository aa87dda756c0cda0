import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.workflow import IllegalMove
from zones.models import Candidacy, CandidacyEvent, CvAccess, Occupation, Vacancy
from zones.queries import placement_figures, rank_candidates
from zones.services import move_candidacy, propose_candidate

from .conftest import make_seeker


def test_candidates_rank_by_occupation_certificates_and_district(zones):
    sheet_metal = Occupation.objects.get(code="7213")
    developer = Occupation.objects.get(code="2512")
    best = make_seeker(zones.program, "best@example.com", occupations=[zones.welder],
                       certificates="MYK Kaynak, forklift")
    far = make_seeker(zones.program, "far@example.com", occupations=[zones.welder],
                      district="Kartal")
    related = make_seeker(zones.program, "related@example.com", occupations=[sheet_metal])
    make_seeker(zones.program, "dev@example.com", occupations=[developer])
    make_seeker(zones.program, "unverified@example.com", occupations=[zones.welder],
                verified=False)
    ranked = list(rank_candidates(zones.vacancy))
    assert ranked == [best, far, related]
    assert [seeker.score for seeker in ranked] == [10 + 2 + 4 + 3, 10 + 2, 2 + 3]


def test_a_proposed_candidate_leaves_the_ranking(zones):
    seeker = make_seeker(zones.program, "a@example.com", occupations=[zones.welder])
    propose_candidate(vacancy=zones.vacancy, job_seeker=seeker, by=zones.staff)
    assert list(rank_candidates(zones.vacancy)) == []


def test_a_hire_fills_the_vacancy_and_is_recorded_as_events(zones):
    seeker = make_seeker(zones.program, "a@example.com", occupations=[zones.welder])
    candidacy = propose_candidate(vacancy=zones.vacancy, job_seeker=seeker, by=zones.staff)
    move_candidacy(candidacy=candidacy, name="interview", by=zones.staff)
    move_candidacy(candidacy=candidacy, name="hire", by=zones.staff)
    zones.vacancy.refresh_from_db()
    assert zones.vacancy.status == Vacancy.Status.FILLED
    assert list(CandidacyEvent.objects.filter(candidacy=candidacy)
                .values_list("from_status", "to_status")) == [
        ("", "proposed"), ("proposed", "interviewed"), ("interviewed", "hired")]


def test_not_hired_needs_a_reason(zones):
    seeker = make_seeker(zones.program, "a@example.com", occupations=[zones.welder])
    candidacy = propose_candidate(vacancy=zones.vacancy, job_seeker=seeker, by=zones.staff)
    with pytest.raises(IllegalMove, match="Say why"):
        move_candidacy(candidacy=candidacy, name="reject", by=zones.staff)
    move_candidacy(candidacy=candidacy, name="reject", by=zones.staff, reason="declined")
    candidacy.refresh_from_db()
    assert (candidacy.status, candidacy.not_hired_reason) == ("not_hired", "declined")


def test_a_hired_candidate_cannot_be_rejected_afterwards(zones):
    seeker = make_seeker(zones.program, "a@example.com", occupations=[zones.welder])
    candidacy = propose_candidate(vacancy=zones.vacancy, job_seeker=seeker, by=zones.staff)
    move_candidacy(candidacy=candidacy, name="hire", by=zones.staff)
    with pytest.raises(IllegalMove, match="“Hired” cannot become “Not hired”"):
        move_candidacy(candidacy=candidacy, name="reject", by=zones.staff, reason="other")


def test_placements_are_counted_as_of_a_day(zones):
    seeker = make_seeker(zones.program, "a@example.com", occupations=[zones.welder])
    candidacy = propose_candidate(vacancy=zones.vacancy, job_seeker=seeker, by=zones.staff)
    move_candidacy(candidacy=candidacy, name="hire", by=zones.staff)
    today = timezone.localdate()
    now = placement_figures(programs=[zones.program], as_of=today)
    assert now.placements == 1
    assert now.vacancies_filled == 1 and now.vacancies_open == 1
    assert now.by_occupation[0]["vacancy__occupation__code"] == "7212"
    before = placement_figures(programs=[zones.program],
                               as_of=today - datetime.timedelta(days=1))
    assert before.placements == 0 and before.vacancies_filled == 0


def test_staff_propose_and_hire_through_the_admin(client, zones):
    seeker = make_seeker(zones.program, "a@example.com", occupations=[zones.welder])
    client.force_login(zones.staff)
    matching = reverse("zones_matching", args=[zones.vacancy.pk])
    assert "Zeynep" in client.get(matching).content.decode()
    client.post(matching, {"job_seeker": seeker.pk})
    candidacy = Candidacy.objects.get()
    client.post(reverse("zones_candidacy_move", args=[candidacy.pk, "hire"]), {"note": ""})
    candidacy.refresh_from_db()
    assert candidacy.status == Candidacy.Status.HIRED


def test_a_cv_read_asks_why_and_is_logged(client, zones):
    seeker = make_seeker(zones.program, "a@example.com", occupations=[zones.welder])
    client.force_login(zones.staff)
    url = reverse("zones_cv", args=[zones.vacancy.pk, seeker.pk])
    assert "a@example.com" not in client.get(url).content.decode()
    response = client.post(url, {"reason": "Kaynakçı ilanı için ön görüşme"})
    assert "a@example.com" in response.content.decode()
    access = CvAccess.objects.get()
    assert (access.by, access.job_seeker) == (zones.staff, seeker)
    assert "ön görüşme" in access.reason


def test_staff_read_their_zones_placements_only(client, zones):
    for zone_vacancy, by in ((zones.vacancy, zones.staff),
                             (zones.other_vacancy, zones.other_staff)):
        seeker = make_seeker(zones.program, f"{by.username}@example.com",
                             occupations=[zones.welder])
        candidacy = propose_candidate(vacancy=zone_vacancy, job_seeker=seeker, by=by)
        move_candidacy(candidacy=candidacy, name="hire", by=by)
    client.force_login(zones.staff)
    response = client.get(reverse("zones_placements"))
    assert response.status_code == 200
    [(_program, figures)] = response.context["sections"]
    assert figures.placements.value == 1
    assert [(zone.name, cell.value) for zone, cell in figures.by_zone] == [("İMES OSB", 1)]
