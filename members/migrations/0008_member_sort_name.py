"""Members are listed the Vietnamese way: a sort column (given name first), filled for
everyone already registered and indexed, so paged lists are ordered by the database."""

from django.db import migrations, models

from federation.text import name_sort_key

BATCH = 1000


def fill_sort_names(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    changed = []
    for member in Member.objects.only("pk", "full_name").order_by("pk").iterator(BATCH):
        member.sort_name = name_sort_key(member.full_name)
        changed.append(member)
        if len(changed) >= BATCH:
            Member.objects.bulk_update(changed, ["sort_name"])
            changed = []
    if changed:
        Member.objects.bulk_update(changed, ["sort_name"])


class Migration(migrations.Migration):
    dependencies = [("members", "0007_duplicate_attempts_and_typed_values")]

    operations = [
        migrations.AddField(
            model_name="member",
            name="sort_name",
            field=models.CharField(db_index=True, default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="member",
            options={
                "ordering": ["sort_name", "pk"],
                "verbose_name": "member",
                "verbose_name_plural": "members",
            },
        ),
    ]
