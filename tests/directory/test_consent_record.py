"""A directory listing is the firm's consent record: withdrawn, never deleted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from directory.models import Listing

pytestmark = pytest.mark.django_db


def test_a_listing_refuses_to_be_deleted(catalogue):
    with pytest.raises(ValidationError, match="never deleted"):
        catalogue.stainless.delete()
    assert Listing.objects.filter(pk=catalogue.stainless.pk).exists()


def test_the_admin_has_no_delete_page_for_listings(client, personas, catalogue, role_groups):
    with pytest.raises(NoReverseMatch):
        reverse("directory_listings:delete", args=[catalogue.stainless.pk])
    client.force_login(personas.coordinator)
    edit = client.get(reverse("directory_listings:edit", args=[catalogue.stainless.pk]))
    assert edit.status_code == 200
    assert "/delete/" not in edit.content.decode()
    assert client.post(f"/admin/directory_listings/delete/{catalogue.stainless.pk}/"
                       ).status_code == 404
