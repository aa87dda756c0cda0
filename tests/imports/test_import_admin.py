"""The import in the Wagtail admin: button, upload, preview, confirm; scope and safety."""


import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from fieldvisits.models import Firm
from tests.access import assert_denied
from tests.factories import valid_vkn
from tests.imports.helpers import csv_file
from tracker.models import ImportRun

HEADER = ["Tax number (VKN)", "Trade name", "Sector (NACE Rev.2)", "District"]


def firms_csv(*rows):
    return csv_file([HEADER, *rows], name="firmalar.csv")


def upload(client, user, program, file):
    client.force_login(user)
    return client.post(reverse("firms:import"), {"program": program.pk, "file": file})


@pytest.mark.django_db
def test_the_listing_offers_the_import_to_a_coordinator(client, personas):
    client.force_login(personas.coordinator)
    response = client.get(reverse("firms:index"))
    assert reverse("firms:import") in response.content.decode()


@pytest.mark.django_db
def test_the_listing_offers_no_import_to_a_supervisor(client, personas):
    client.force_login(personas.supervisor)
    response = client.get(reverse("firms:index"))
    assert response.status_code == 200
    assert reverse("firms:import") not in response.content.decode()
    assert_denied(client, personas.supervisor, reverse("firms:import"))


@pytest.mark.django_db
def test_upload_preview_and_confirm(client, personas):
    response = upload(client, personas.coordinator, personas.program,
                      firms_csv([valid_vkn(1), "Bir A.Ş.", "25.62", "Kocasinan"]))
    run = ImportRun.objects.get()
    assert response.url == reverse("firms:import_run", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "Ready to confirm" in page and "Confirm and import" in page
    assert not Firm.objects.exists()
    confirmed = client.post(reverse("firms:import_confirm", args=[run.pk]), follow=True)
    assert "Imported: 1 new, 0 updated, 0 unchanged." in confirmed.content.decode()
    firm = Firm.objects.get()
    run.refresh_from_db()
    assert (run.status, run.created_by, run.file_name) == ("done", personas.coordinator,
                                                           "firmalar.csv")
    history = ModelLogEntry.objects.filter(object_id=str(firm.pk), action="wagtail.create")
    assert history.get().data == {"import": run.pk, "file": "firmalar.csv"}


@pytest.mark.django_db
def test_the_preview_lists_each_rejected_row(client, personas):
    upload(client, personas.coordinator, personas.program,
           firms_csv([valid_vkn(1), "Bir", "25.62", "Talas"], ["1111111110", "İki", "xx", "Talas"]))
    page = client.get(reverse("firms:import_run", args=[ImportRun.objects.get().pk]))
    text = page.content.decode()
    assert "Rejected rows" in text
    assert "not a NACE Rev.2 class code" in text and "check digit should be 4" in text
    assert "Confirm and import" not in text


@pytest.mark.django_db
def test_a_file_changed_after_its_preview_is_refused(client, personas):
    upload(client, personas.coordinator, personas.program,
           firms_csv([valid_vkn(1), "Bir", "25.62", "Talas"]))
    run = ImportRun.objects.get()
    with storages["imports"].open(run.file_path, "rb") as stored:
        content = stored.read()
    storages["imports"].delete(run.file_path)
    storages["imports"].save(run.file_path, ContentFile(content + b"\r\n0000000000;X;;"))
    response = client.post(reverse("firms:import_confirm", args=[run.pk]), follow=True)
    assert "The file changed after its preview" in response.content.decode()
    assert not Firm.objects.exists()


@pytest.mark.django_db
def test_data_changed_since_the_preview_writes_nothing(client, personas):
    upload(client, personas.coordinator, personas.program,
           firms_csv([valid_vkn(1), "Bir", "25.62", "Talas"],
                     [valid_vkn(2), "İki", "25.62", "Talas"]))
    run = ImportRun.objects.get()
    Firm.objects.create(program=personas.program, tax_number=valid_vkn(2), trade_name="Eski",
                        nace_code="25.62", district="Talas")
    client.post(reverse("firms:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "failed"
    assert "The data changed since the preview" in run.message
    assert list(Firm.objects.values_list("trade_name", flat=True)) == ["Eski"]


@pytest.mark.django_db
def test_a_coordinator_of_another_programme_cannot_import_into_this_one(client, personas):
    response = upload(client, personas.outsider_coordinator, personas.program,
                      firms_csv([valid_vkn(1), "Bir", "25.62", "Talas"]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_of_another_programme_cannot_see_the_preview(client, personas):
    upload(client, personas.coordinator, personas.program,
           firms_csv([valid_vkn(1), "Bir", "25.62", "Talas"]))
    run = ImportRun.objects.get()
    client.force_login(personas.outsider_coordinator)
    assert client.get(reverse("firms:import_run", args=[run.pk])).status_code == 404
    assert client.post(reverse("firms:import_confirm", args=[run.pk])).status_code == 404
    assert not Firm.objects.exists()
