"""The field-study figures version (``fieldvisits.models.FiguresVersion``) and the triggers
that move it on every write to the rows behind a programme's field-study figures.

PostgreSQL: one statement-level trigger per table and kind of write, reading the written
rows from its transition tables, so a bulk import of thousands of rows moves the version
once. SQLite has row-level triggers only: one per table, kind of write and row."""

import django.db.models.deletion
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations, models

VERSION_TABLE = "fieldvisits_figuresversion"

# Each table behind a figure, and the SQL naming the programme of one of its rows ``r``.
VIA_VISIT = "(SELECT v.program_id FROM fieldvisits_visit v WHERE v.id = r.visit_id)"
TABLES = {
    "fieldvisits_firm": "r.program_id",
    "fieldvisits_assessment": "r.program_id",
    "fieldvisits_selectiondecision":
        "(SELECT f.program_id FROM fieldvisits_firm f WHERE f.id = r.firm_id)",
    "fieldvisits_visit": "r.program_id",
    "fieldvisits_visitevent": VIA_VISIT,
    "fieldvisits_answer": VIA_VISIT,
    "fieldvisits_finding": VIA_VISIT,
}
# The columns of a firm that figures read: an edit of anything else moves no version.
FIRM_COLUMNS = ("nace_code", "district", "program_id")
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _name(table, operation=""):
    return f"{table}_figures_version{'_' + operation.lower() if operation else ''}"


def _postgresql_function(table, program):
    def changed(rows):
        return f"SELECT {program} AS program_id FROM {rows} r"

    updated = f"{changed('new_rows')} UNION ALL {changed('old_rows')}"
    if table == "fieldvisits_firm":
        moved = " OR ".join(f"n.{column} IS DISTINCT FROM o.{column}" for column in FIRM_COLUMNS)
        updated = (f"SELECT p.program_id FROM new_rows n JOIN old_rows o ON o.id = n.id "
                   f"CROSS JOIN LATERAL (VALUES (n.program_id), (o.program_id)) "
                   f"AS p(program_id) WHERE {moved}")
    bump = ("INSERT INTO {version} (program_id, version, changed_at) "
            "SELECT program_id, 1, clock_timestamp() FROM ({rows}) AS changed "
            "WHERE program_id IS NOT NULL GROUP BY program_id ORDER BY program_id "
            "ON CONFLICT (program_id) DO UPDATE SET version = {version}.version + 1, "
            "changed_at = EXCLUDED.changed_at;")
    return f"""
CREATE OR REPLACE FUNCTION {_name(table)}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {bump.format(version=VERSION_TABLE, rows=changed('new_rows'))}
    ELSIF TG_OP = 'DELETE' THEN
        {bump.format(version=VERSION_TABLE, rows=changed('old_rows'))}
    ELSE
        {bump.format(version=VERSION_TABLE, rows=updated)}
    END IF;
    RETURN NULL;
END;
$$;"""


def postgresql_sql(table, program):
    statements = [_postgresql_function(table, program)]
    for operation in OPERATIONS:
        referencing = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
                       "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows"}[operation]
        statements.append(
            f"CREATE TRIGGER {_name(table, operation)} AFTER {operation} ON {table} "
            f"REFERENCING {referencing} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {_name(table)}();")
    return statements


def sqlite_sql(table, program):
    def bump(row):
        named = program.replace("r.", f"{row}.")
        return (f"INSERT INTO {VERSION_TABLE} (program_id, version, changed_at) "
                f"SELECT {named}, 1, strftime('%Y-%m-%d %H:%M:%f', 'now') "
                f"WHERE {named} IS NOT NULL "
                f"ON CONFLICT (program_id) DO UPDATE SET version = version + 1, "
                f"changed_at = excluded.changed_at;")

    statements = []
    for operation in OPERATIONS:
        rows = {"INSERT": ["NEW"], "DELETE": ["OLD"], "UPDATE": ["NEW", "OLD"]}[operation]
        when = ""
        if table == "fieldvisits_firm" and operation == "UPDATE":
            when = " WHEN " + " OR ".join(f"NEW.{column} IS NOT OLD.{column}"
                                          for column in FIRM_COLUMNS)
        body = " ".join(bump(row) for row in rows)
        statements.append(f"CREATE TRIGGER {_name(table, operation)} AFTER {operation} ON "
                          f"{table} FOR EACH ROW{when} BEGIN {body} END;")
    return statements


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    build = {"postgresql": postgresql_sql, "sqlite": sqlite_sql}.get(vendor)
    if build is None:
        # The tracker runs on these two databases only (config/settings.py, README).
        raise ImproperlyConfigured(
            f"The field-study figures version is kept by triggers written for PostgreSQL "
            f"and SQLite, the databases the tracker runs on; DATABASE_URL names a {vendor} "
            f"database.")
    for table, program in TABLES.items():
        for statement in build(table, program):
            schema_editor.execute(statement, params=None)
    # Every programme that has figure rows already starts with a version.
    schema_editor.execute(
        f"INSERT INTO {VERSION_TABLE} (program_id, version, changed_at) "
        f"SELECT id, 1, CURRENT_TIMESTAMP FROM tracker_program", params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        for operation in OPERATIONS:
            on = f" ON {table}" if vendor == "postgresql" else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {_name(table, operation)}{on}",
                                  params=None)
        if vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {_name(table)}()", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('fieldvisits', '0017_merge_firm_indexes'),
        ('tracker', '0021_milestone_created_at'),
    ]

    operations = [
        migrations.CreateModel(
            name='FiguresVersion',
            fields=[
                ('program', models.OneToOneField(
                    db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING,
                    primary_key=True, related_name='+', serialize=False, to='tracker.program',
                    verbose_name='programme')),
                ('version', models.BigIntegerField(default=0, verbose_name='version')),
                ('changed_at', models.DateTimeField(verbose_name='changed at')),
            ],
            options={
                'verbose_name': 'field-study figures version',
                'verbose_name_plural': 'field-study figures versions',
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
