"""Articles saved before paragraphs were kept apart in the search text get it rewritten.

The search text ran the last word of a paragraph into the first of the next
("nữ.Nhiệm"), so such words were not found and snippets read wrong. Rewritten in batches
with the same folding the model's save() uses.
"""

from django.db import migrations

BATCH = 500


def rewrite_search_text(apps, schema_editor):
    from federation.text import html_text, search_document

    Article = apps.get_model("news", "Article")
    batch = []
    for article in Article.objects.only("title", "summary", "body", "search_text").iterator(
        chunk_size=BATCH
    ):
        text = search_document(article.title, article.summary, html_text(article.body))
        if text != article.search_text:
            article.search_text = text
            batch.append(article)
        if len(batch) >= BATCH:
            Article.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Article.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("news", "0006_webp_renditions")]

    operations = [migrations.RunPython(rewrite_search_text, migrations.RunPython.noop)]
