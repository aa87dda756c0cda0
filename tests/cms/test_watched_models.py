"""The one table of models the public site watches: every path leads from the model to
its programme, and each change is sent where the table says."""

from django.apps import apps
from django.db.models.signals import post_save

from cms.signals import WATCHED, content_changed

PROGRAM = apps.get_model("tracker.Program")


def _end_of(model, path):
    if path == "pk":
        return model
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def test_every_watched_path_leads_to_a_programme():
    for label, watched in WATCHED.items():
        assert _end_of(apps.get_model(label), watched.path) is PROGRAM, label


def test_search_hears_exactly_the_models_marked_for_it():
    for label, watched in WATCHED.items():
        receivers = post_save._live_receivers(apps.get_model(label))
        receivers = receivers[0] if isinstance(receivers, tuple) else receivers
        assert (content_changed in receivers) is watched.search, label
