"""Robots apart from search engines: a kind on each visitor-day, two more daily totals.

Before this, search engines and every other robot shared one flag and one pair of
totals; those rows cannot be told apart now and stay under search engines, which is
what the footer called them.
"""

from django.db import migrations, models


def flag_to_kind(apps, schema_editor):
    VisitorDay = apps.get_model("federation", "VisitorDay")
    VisitorDay.objects.filter(is_bot=True).update(kind="search_engine")


def kind_to_flag(apps, schema_editor):
    VisitorDay = apps.get_model("federation", "VisitorDay")
    VisitorDay.objects.exclude(kind="visitor").update(is_bot=True)


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0002_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="visitorday",
            name="kind",
            field=models.CharField(
                choices=[
                    ("visitor", "visitor"),
                    ("search_engine", "search engine"),
                    ("robot", "other robot"),
                ],
                default="visitor",
                max_length=16,
                verbose_name="visitor kind",
            ),
        ),
        migrations.RunPython(flag_to_kind, kind_to_flag),
        migrations.RemoveField(model_name="visitorday", name="is_bot"),
        migrations.RenameField(
            model_name="dailyvisits", old_name="bot_views", new_name="search_engine_views"
        ),
        migrations.RenameField(model_name="dailyvisits", old_name="bots", new_name="search_engines"),
        migrations.AlterField(
            model_name="dailyvisits",
            name="search_engine_views",
            field=models.PositiveBigIntegerField(
                default=0, verbose_name="search engine page views"
            ),
        ),
        migrations.AlterField(
            model_name="dailyvisits",
            name="search_engines",
            field=models.PositiveIntegerField(default=0, verbose_name="search engines"),
        ),
        migrations.AddField(
            model_name="dailyvisits",
            name="robot_views",
            field=models.PositiveBigIntegerField(
                default=0, verbose_name="other robots' page views"
            ),
        ),
        migrations.AddField(
            model_name="dailyvisits",
            name="robots",
            field=models.PositiveIntegerField(default=0, verbose_name="other robots"),
        ),
    ]
