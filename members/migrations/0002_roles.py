"""The organisation officer's permissions on the register."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from federation.roles import sync_roles

    sync_roles(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("federation", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
