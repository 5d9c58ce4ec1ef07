"""A UUID per hulpvraag for references outside Passend; the API channel among the sources;
the Statushistorie append-only, also in the database (PostgreSQL), and kept with what it names."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from passend.core.migraties import alleen_toevoegen, uuids_vullen


class Migration(migrations.Migration):
    dependencies = [
        ("hulpvragen", "0003_statistieken_swv_status"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="hulpvraag",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="UUID"),
        ),
        uuids_vullen("hulpvragen", "Hulpvraag"),
        migrations.AlterField(
            model_name="hulpvraag",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="UUID"
            ),
        ),
        migrations.AlterField(
            model_name="hulpvraag",
            name="bron",
            field=models.CharField(
                choices=[
                    ("web", "Passend"),
                    ("esis", "Esis"),
                    ("oso", "OSO (ParnasSys en andere)"),
                    ("api", "API"),
                ],
                default="web",
                max_length=10,
                verbose_name="bron",
            ),
        ),
        migrations.AlterField(
            model_name="statuswijziging",
            name="door",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Door",
            ),
        ),
        migrations.AlterField(
            model_name="statuswijziging",
            name="hulpvraag",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="statuswijzigingen",
                to="hulpvragen.hulpvraag",
            ),
        ),
        alleen_toevoegen("hulpvragen_statuswijziging"),
    ]
