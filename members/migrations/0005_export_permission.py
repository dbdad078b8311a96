"""Exporting members' personal data becomes a permission of its own, given to the roles
that keep the register (federation/roles.py)."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from federation.roles import sync_roles

    sync_roles(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_search_index"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="member",
            options={
                "ordering": ["search_name", "pk"],
                "permissions": [("export_member", "Can export members' personal data")],
                "verbose_name": "member",
                "verbose_name_plural": "members",
            },
        ),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
