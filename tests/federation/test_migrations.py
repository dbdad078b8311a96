"""Migrations: every model change has its migration, and a deploy can be rolled back."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from federation import roles


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"model changes without a migration (exit {exit_.code}):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_portal_migrations_roll_back_and_apply_again():
    call_command("migrate", "federation", "zero", verbosity=0)
    assert "federation_siteprofile" not in connection.introspection.table_names()

    # Apps whose migrations depend on the portal's were rolled back with it.
    call_command("migrate", verbosity=0)
    tables = connection.introspection.table_names()
    assert {"federation_siteprofile", "federation_visitorday", "federation_dailyvisits"} <= set(
        tables
    )
    assert Group.objects.filter(name__in=roles.ROLES).count() == len(roles.ROLES)
