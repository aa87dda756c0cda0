"""The τ-ARGUS-style audit: every published view of a programme solved together with a
linear programme recovers no hidden cell to within its protection interval (±20 %)."""

import pytest

from tests.disclosure.adversarial import build_adversarial
from tests.disclosure.audit import audit, narrowest, too_narrow
from tests.disclosure.views import every_view

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
