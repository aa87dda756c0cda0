"""Migration steps that only PostgreSQL takes: indexes and extensions SQLite has no
counterpart for (GIN over a ``tsvector``, ``pg_trgm``). SQLite runs the same migrations
and skips them."""

from django.db import migrations


def on_postgresql(forward, backward):
    """A migration operation running the SQL statements ``forward`` (and, when unapplied,
    ``backward``) on PostgreSQL only."""

    def run(statements):
        def step(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements:
                    schema_editor.execute(statement)
        return step

    return migrations.RunPython(run(forward), run(backward))
