"""A trigram index for searching member names without diacritics on PostgreSQL."""

from django.db import migrations


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS members_member_search_trgm "
        "ON members_member USING gin (search_name gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS members_member_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("members", "0003_ascii_national_id")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
