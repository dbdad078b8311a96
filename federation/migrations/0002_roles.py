"""Create the staff roles as groups and give them their permissions (federation/roles.py)."""

from django.db import migrations


def sync(apps, schema_editor):
    from federation.roles import sync_roles

    sync_roles(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("axes", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
