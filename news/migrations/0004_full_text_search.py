"""Full-text search on PostgreSQL: a generated tsvector of the folded words, GIN-indexed.

It replaces the trigram index: PostgreSQL estimates how many rows a full-text query
matches from the word statistics, so a common word ("công đoàn") is answered by
walking the newest articles and a rare one through the index. The column is invisible
to Django's models; news/search.py queries it on PostgreSQL only.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS news_article_search_trgm")
    schema_editor.execute(
        "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS news_article_search_fts "
        "ON news_article USING gin (search_vector)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS news_article_search_fts")
    schema_editor.execute("ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS news_article_search_trgm "
        "ON news_article USING gin (search_text gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("news", "0003_listing_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
