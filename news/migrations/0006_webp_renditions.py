"""Redraw the stored renditions as WebP, with their sizes, so existing articles get them.

The same work as `manage.py refresh_renditions`; images already in WebP with a size are
skipped, so running either again costs nothing.
"""

from django.db import migrations


def redraw(apps, schema_editor):
    from news.services import refresh_all_renditions

    refresh_all_renditions(apps.get_model("news", "Article"), apps.get_model("news", "Photo"))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_rendition_sizes"),
    ]

    operations = [
        # Going back keeps the WebP files: the older code shows them as well.
        migrations.RunPython(redraw, migrations.RunPython.noop),
    ]
