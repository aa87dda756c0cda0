"""Migration tests move the test database's schema back and forth; whatever happens, they
leave it at every app's latest migration, as the tests after them expect (a transactional
test's reset puts rows back, never columns)."""

from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """The schema at ``targets`` (``[(app, migration)]``); returns the apps of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@contextmanager
def migrated_back(targets):
    """Within the block the schema is at ``targets``; after it, at the latest again."""
    try:
        yield migrate(targets)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
