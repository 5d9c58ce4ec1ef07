"""The tenant row keeps only what belongs to the tenant: the attachment limit moved to the
bijlagen app's own settings (bijlagen 0002 copies it first), and the version that caches of the
SWV's configuration compare against is named for what it is, not for one screen's lists."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("organisaties", "0003_keuzeversie")]

    operations = [
        migrations.RenameField(
            model_name="samenwerkingsverband",
            old_name="keuzeversie",
            new_name="configuratieversie",
        ),
        migrations.AlterField(
            model_name="samenwerkingsverband",
            name="configuratieversie",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, verbose_name="versie van de configuratie"
            ),
        ),
        migrations.RemoveField(model_name="samenwerkingsverband", name="max_bijlage_mb"),
    ]
