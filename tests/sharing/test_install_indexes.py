"""``manage.py check`` is clean on every database, and the KPI indexes are what they claim.

The click KPIs read covering indexes (``INCLUDE`` columns) on PostgreSQL. Declared with
``include=`` in the model's Meta, they made Django warn (models.W040) on every database
without covering indexes, SQLite included; so Meta declares plain indexes and migration
0009 adds the ``INCLUDE`` columns on PostgreSQL only.

Django runs the database-dependent model checks (W040 among them) only for the databases
it is given, as ``migrate`` does and ``check --database`` does: hence ``databases=``.
"""

from io import StringIO

import pytest
from django.conf import settings
from django.core import checks
from django.core.management import call_command
from django.db import connection

from wagtail_advocacy.models import LinkClick

# The database-dependent checks ask the connection about its features.
pytestmark = pytest.mark.django_db


def test_check_is_clean_on_every_configured_database():
    out, err = StringIO(), StringIO()
    call_command("check", databases=list(settings.DATABASES), stdout=out, stderr=err)
    output = out.getvalue() + err.getvalue()
    assert "W040" not in output
    assert "wagtail_advocacy" not in output, output


def test_the_package_raises_no_warning_for_any_database():
    messages = checks.run_checks(databases=list(settings.DATABASES))
    ours = [m for m in messages if m.obj is not None and "wagtail_advocacy" in str(m.obj)]
    ours += [m for m in messages if m.id.startswith("wagtail_advocacy.")]
    assert not ours, ours


def test_meta_declares_no_covering_index():
    for index in LinkClick._meta.indexes:
        assert not index.include, index.name


KPI_INDEXES = {
    # name: (key columns, INCLUDE columns on PostgreSQL)
    "advocacy_click_link_time_u": (["link_id", "clicked_at"], ["is_unique"]),
    "advocacy_click_time_cover": (["clicked_at"], ["link_id", "is_unique"]),
}


def test_the_kpi_indexes_exist_with_their_names_and_columns():
    table = LinkClick._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    for name, (keys, _) in KPI_INDEXES.items():
        assert name in constraints, name
        assert constraints[name]["index"], name
        # PostgreSQL lists the INCLUDE columns after the key ones; SQLite has none.
        assert constraints[name]["columns"][: len(keys)] == keys, name


@pytest.mark.skipif(connection.vendor != "postgresql", reason="covering indexes: PostgreSQL")
def test_the_kpi_indexes_cover_their_columns_on_postgresql():
    table = LinkClick._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        definitions = dict(cursor.fetchall())
    for name, (keys, include) in KPI_INDEXES.items():
        definition = definitions[name]
        assert f"({', '.join(keys)}) INCLUDE ({', '.join(include)})" in definition, definition
