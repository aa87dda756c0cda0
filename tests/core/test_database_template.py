"""The test database's template: when none matches the migrations on disk, the closest
earlier one is migrated forward instead of an empty database."""

from tests.database_template import closest_earlier

ON_DISK = {"": "env-1", "tracker.0001_initial": "a1", "tracker.0002_more": "a2",
           "zones.0001_initial": "z1"}


def test_the_template_with_the_most_migrations_all_unchanged_on_disk_is_chosen():
    listed = {
        "first-only": {"": "env-1", "tracker.0001_initial": "a1"},
        "all-but-one": {"": "env-1", "tracker.0001_initial": "a1", "zones.0001_initial": "z1"},
    }
    assert closest_earlier(listed, ON_DISK) == "all-but-one"


def test_a_template_holding_a_changed_or_missing_migration_is_never_a_start():
    listed = {
        "changed-file": {"": "env-1", "tracker.0001_initial": "a1", "tracker.0002_more": "OLD"},
        "other-branch": {"": "env-1", "tracker.0001_initial": "a1",
                         "tracker.0002_elsewhere": "b2"},
        "other-engine": {"": "env-2", "tracker.0001_initial": "a1"},
        "unlisted-environment": {"tracker.0001_initial": "a1"},
    }
    assert closest_earlier(listed, ON_DISK) is None
    listed["first-only"] = {"": "env-1", "tracker.0001_initial": "a1"}
    assert closest_earlier(listed, ON_DISK) == "first-only"
