"""The focal point posts an update from the dashboard and sees the action's progress move."""

import pytest
from django.utils import timezone

from tests.access import PASSWORD
from tests.browser.conftest import in_turkish, log_in
from tests.factories import ActionFactory, GoalFactory, PlanVersionFactory, TaskFactory
from tracker.models import PlanVersion


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_kto_posts_an_update_and_sees_the_action_progress(desktop_page, personas):
    plan = PlanVersionFactory(program=personas.program, number=1)
    action = ActionFactory(goal=GoalFactory(pillar__plan=plan), lead=personas.kto,
                           title="Kümelenme çalıştayı")
    today = timezone.localdate()
    TaskFactory(action=action, title="Çalıştay davetiyeleri", due_date=today)
    TaskFactory(action=action, title="Sonuç raporu", due_date=today)
    PlanVersion.objects.filter(pk=plan.pk).update(status=PlanVersion.Status.APPROVED)
    page = desktop_page

    log_in(page, "kto", PASSWORD)
    assert page.get_by_role("heading", name=in_turkish("Your institution's tasks")).is_visible()
    page.locator("tr", has_text="Çalıştay davetiyeleri").get_by_role(
        "link", name=in_turkish("Post an update")).click()
    page.fill("textarea[name=text]", "Davetiyeler gönderildi, katılım teyit edildi.")
    page.select_option("select[name=status]", "done")
    with page.expect_navigation():
        page.get_by_role("button", name=in_turkish("Post the update")).click()
    assert "Davetiyeler gönderildi" in page.content()

    with page.expect_navigation():
        page.get_by_role("link", name=str(action)).first.click()
    progress = page.get_by_test_id("action-progress")
    assert progress.inner_text() == in_turkish("%(value)d%%", value=50)
    assert in_turkish("%(done)d of %(total)d tasks done", done=1, total=2) in page.content()
