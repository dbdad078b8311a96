# CongressFile's own "kind" (minutes, resolution) shadowed StoredFile.kind, the file's type
# that federation.files.store_upload writes ("pdf"): the paper gets a field of its own.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="congressfile", old_name="kind", new_name="paper"),
        migrations.AlterField(
            model_name="congressfile",
            name="paper",
            field=models.CharField(
                choices=[
                    ("minutes", "Minutes"),
                    ("resolution", "Resolution"),
                    ("other", "Other file"),
                ],
                max_length=12,
                verbose_name="paper",
            ),
        ),
        migrations.AddField(
            model_name="congressfile",
            name="kind",
            field=models.CharField(default="", editable=False, max_length=10, verbose_name="kind"),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(
            name="congressfile",
            options={
                "ordering": ["paper", "pk"],
                "verbose_name": "congress file",
                "verbose_name_plural": "congress files",
            },
        ),
    ]
