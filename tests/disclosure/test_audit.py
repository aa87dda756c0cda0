"""The τ-ARGUS-style audit: every published view of a programme solved together with a
linear programme recovers no hidden cell to within its protection interval (±20 %)."""

import datetime

import pytest
from django.utils import timezone

from fieldvisits.models import DisclosurePattern, QuestionnaireVersion
from fieldvisits.published import protect, protected_set, raw_cells
from tests.cms.helpers import build_programme
from tests.disclosure.adversarial import KITCHEN, build_adversarial
from tests.disclosure.audit import audit, narrowest, too_narrow
from tests.disclosure.views import every_view
from tests.fieldvisits.workforce_data import _questions, add_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def adversarial(personas):
    return build_adversarial(personas.program, personas.agent1)


def test_no_hidden_cell_is_recovered_from_all_views_together(adversarial):
    published = every_view(adversarial)
    findings = audit(adversarial, published)
    assert findings, "the adversarial data must have confidential cells"
    exposed = too_narrow(findings)
    assert exposed == [], (len(findings), narrowest(findings), exposed[:5])


def test_felahiye_designers_in_kitchen_furniture_stay_hidden(adversarial):
    published = every_view(adversarial)
    findings = {(f.key, f.component): f for f in audit(adversarial, published)}
    felahiye = findings[("workforce", "designer", "31.02", "Felahiye"), "value"]
    assert felahiye.true == 1
    assert felahiye.low <= 0.8 and felahiye.high >= 1.2


def test_demo_like_programme_survives_the_audit(personas):
    build_programme(personas.program, coordinator=personas.coordinator,
                    institutions=(personas.kto, personas.other_institution))
    published = every_view(personas.program)
    findings = audit(personas.program, published)
    assert findings
    assert too_narrow(findings) == []


def test_a_cell_hidden_one_day_stays_hidden_the_next(adversarial, personas):
    day = timezone.localdate()
    first = protected_set(adversarial, day).hidden
    version = QuestionnaireVersion.objects.filter(questionnaire__program=adversarial).first()
    questions = _questions(version)
    for _index in range(6):
        add_visit(adversarial, version, questions, personas.agent1, district="Felahiye",
                  sector=KITCHEN, needs={"designer": 3})
    cells, relations = raw_cells(adversarial)
    fresh = {key for key, cell in protect(cells, relations).items() if cell.hidden}
    # Protected afresh, the new figures would show cells the first day hid: differencing
    # the two days would then reveal them.
    assert first - fresh
    later = protected_set(adversarial, day + datetime.timedelta(days=92)).hidden
    assert first <= later
    assert DisclosurePattern.objects.filter(program=adversarial).count() == 2
