"""A UUID per pupil, for references outside Passend (the API will not expose integer ids)."""

import uuid

from django.db import migrations, models

from passend.core.migraties import uuids_vullen


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0003_zoeknaam_trigram_per_swv")]

    operations = [
        migrations.AddField(
            model_name="leerling",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="UUID"),
        ),
        uuids_vullen("dossiers", "Leerling"),
        migrations.AlterField(
            model_name="leerling",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="UUID"
            ),
        ),
    ]
