"""The full demo (``seed_demo``) loaded once per run and copied into every module that
reads it.

``seed_demo`` takes about 10 s of CPU (Kayseri at real scale, the pilots, Qom, the zone,
the directory and three public sites). The first module of the run that asks for a
given set of arguments runs it inside its scoped transaction; a later module asking for
the same arguments, on any worker, gets its rows written back inside its own scoped
transaction instead of seeding again (``rows_for_scope``'s ``kept_as``,
tests/scoped_data.py). Either way the
rows are rolled back when the module ends, so no other module sees them::

    @pytest.fixture(scope="module")
    def seeded(django_db_setup, django_db_blocker):
        with seeded_demo(django_db_blocker, *DEMO_ARGUMENTS) as output:
            yield output
"""

from io import StringIO

from django.core.management import call_command

from tests.scoped_data import rows_for_scope

# The arguments the modules that only read the demo load it with: one set, so that one
# load serves all of them on a worker. The day lies before the clock's today, as pages read
# the directory's listings as of today and a listing consented after it is not shown yet.
DEMO_PASSWORD = "demo-pass-2026"
DEMO_DAY = "2026-11-23"
DEMO_ARGUMENTS = ("--password", DEMO_PASSWORD, "--today", DEMO_DAY)


def seeded_demo(django_db_blocker, *arguments):
    """A context manager: ``seed_demo *arguments`` (its output is yielded) whose rows exist
    until the ``with`` block ends."""

    def build():
        out = StringIO()
        call_command("seed_demo", *arguments, stdout=out)
        return out.getvalue()

    return rows_for_scope(django_db_blocker, build, kept_as=("seed_demo", *arguments))
