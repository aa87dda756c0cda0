"""The daily digest: one email per institution, and nothing new on a second run."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories import TaskFactory, UserFactory
from tracker.access import Role
from tracker.models import Membership, ReminderLog, Task

D = datetime.date
TODAY = D(2026, 11, 23)


@pytest.fixture
def tasks(roadmap, personas):
    kto_action = roadmap.kto_action
    Task.objects.all().delete()
    return {
        "overdue": TaskFactory(action=kto_action, title="Fuar katılımcı listesi",
                               due_date=D(2026, 11, 20)),
        "soon": TaskFactory(action=kto_action, title="Çalıştay davetiyeleri",
                            due_date=D(2026, 11, 30)),
        "later": TaskFactory(action=kto_action, title="Sonuç raporu",
                             due_date=D(2026, 12, 1)),
        "done": TaskFactory(action=kto_action, title="Hazırlık toplantısı",
                            due_date=D(2026, 11, 1), status=Task.Status.DONE,
                            percent_complete=100),
        "kayso": TaskFactory(action=roadmap.kayso_action, title="KAYSO eğitim takvimi",
                             due_date=D(2026, 11, 25)),
    }


def run(date="2026-11-23"):
    call_command("send_task_reminders", date=date, stdout=open("/dev/null", "w"))


def test_each_institution_gets_one_digest_with_overdue_and_due_soon_tasks(tasks, personas):
    run()
    assert len(mail.outbox) == 2
    kto_mail = next(m for m in mail.outbox if m.to == ["kto@example.org"])
    # Digests go out in the site's language, Turkish, whatever the caller's language.
    assert kto_mail.subject == "KTO: 1 gecikmiş görev, bu hafta süresi dolan 1 görev"
    assert "Fuar katılımcı listesi" in kto_mail.body
    assert "Çalıştay davetiyeleri" in kto_mail.body
    assert "Sonuç raporu" not in kto_mail.body
    assert "Hazırlık toplantısı" not in kto_mail.body
    assert "KAYSO eğitim takvimi" not in kto_mail.body
    assert f"/admin/tasks/update/{tasks['overdue'].pk}/" in kto_mail.body
    html = kto_mail.alternatives[0][0]
    assert "Fuar katılımcı listesi" in html
    kayso_mail = next(m for m in mail.outbox if m.to == ["kayso@example.org"])
    assert "KAYSO eğitim takvimi" in kayso_mail.body
    assert "Fuar" not in kayso_mail.body


def test_every_member_of_the_institution_receives_it(tasks, personas):
    colleague = UserFactory(username="kto2", email="dis.ticaret@kto.example")
    Membership.objects.create(user=colleague, program=personas.program,
                              role=Role.FOCAL_POINT, institution=personas.kto)
    run()
    kto_mail = next(m for m in mail.outbox if "kto@example.org" in m.to)
    assert sorted(kto_mail.to) == ["dis.ticaret@kto.example", "kto@example.org"]


def test_a_second_run_on_the_same_day_sends_nothing(tasks):
    run()
    assert len(mail.outbox) == 2
    run()
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2
    log = ReminderLog.objects.get(institution__short_name="KTO")
    assert (log.overdue_count, log.due_soon_count) == (1, 1)


def test_the_next_day_sends_again(tasks):
    run()
    run("2026-11-24")
    assert len(mail.outbox) == 4


def test_an_institution_with_nothing_due_gets_no_mail(tasks):
    Task.objects.filter(assigned_institution__short_name="KAYSO").delete()
    run()
    assert [m.to for m in mail.outbox] == [["kto@example.org"]]


def test_a_bad_date_is_refused_with_a_clear_message(tasks):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date must look like 2026-11-23"):
        run("23.11.2026")
    assert mail.outbox == []


def test_only_focal_points_of_the_institution_receive_it(tasks, personas):
    supervisor_with_institution = UserFactory(username="sup2", email="sup2@example.org")
    Membership.objects.create(user=supervisor_with_institution, program=personas.program,
                              role=Role.SUPERVISOR, institution=personas.kto)
    run()
    kto_mail = next(m for m in mail.outbox if "kto@example.org" in m.to)
    assert kto_mail.to == ["kto@example.org"]


def test_a_failed_send_does_not_stop_the_other_institutions(tasks, monkeypatch):
    import smtplib

    from django.core.mail import EmailMultiAlternatives

    from tracker.models import ReminderLog

    real_send = EmailMultiAlternatives.send

    def send(message, *args, **kwargs):
        if "kto@example.org" in message.to:
            raise smtplib.SMTPRecipientsRefused({"kto@example.org": (550, b"no")})
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    run()
    assert [m.to for m in mail.outbox] == [["kayso@example.org"]]
    assert ReminderLog.objects.count() == 1
