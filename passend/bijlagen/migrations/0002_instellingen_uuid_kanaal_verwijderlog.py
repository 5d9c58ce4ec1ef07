"""The attachment limit as the bijlagen app's own setting per SWV, copied from the tenant row
before organisaties 0004 drops it there; a UUID per attachment for references outside Passend;
the API channel among the sources; the removal log append-only in the database too."""

import uuid

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from passend.core.migraties import alleen_toevoegen, uuids_vullen

KANALEN = [
    ("web", "Passend"),
    ("esis", "Esis"),
    ("oso", "OSO (ParnasSys en andere)"),
    ("api", "API"),
]


def grenzen_overnemen(apps, schema_editor):
    Samenwerkingsverband = apps.get_model("organisaties", "Samenwerkingsverband")
    Bijlageinstellingen = apps.get_model("bijlagen", "Bijlageinstellingen")
    Bijlageinstellingen.objects.bulk_create(
        Bijlageinstellingen(swv_id=pk, max_bijlage_mb=mb)
        for pk, mb in Samenwerkingsverband.objects.values_list("pk", "max_bijlage_mb")
        if mb != 10
    )


def grenzen_terugzetten(apps, schema_editor):
    Samenwerkingsverband = apps.get_model("organisaties", "Samenwerkingsverband")
    Bijlageinstellingen = apps.get_model("bijlagen", "Bijlageinstellingen")
    for instellingen in Bijlageinstellingen.objects.all():
        Samenwerkingsverband.objects.filter(pk=instellingen.swv_id).update(
            max_bijlage_mb=instellingen.max_bijlage_mb
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bijlagen", "0001_initial"),
        ("organisaties", "0003_keuzeversie"),
    ]
    run_before = [("organisaties", "0004_configuratieversie_bijlagegrens_naar_bijlagen")]

    operations = [
        migrations.CreateModel(
            name="Bijlageinstellingen",
            fields=[
                (
                    "swv",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="organisaties.samenwerkingsverband",
                        verbose_name="samenwerkingsverband",
                    ),
                ),
                (
                    "max_bijlage_mb",
                    models.PositiveSmallIntegerField(
                        default=10,
                        help_text="Een bijlage mag hoogstens zo groot zijn (R3); standaard 10 MB.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(100),
                        ],
                        verbose_name="grootste bijlage (MB)",
                    ),
                ),
            ],
            options={
                "verbose_name": "instellingen voor bijlagen",
                "verbose_name_plural": "instellingen voor bijlagen",
            },
        ),
        migrations.RunPython(grenzen_overnemen, grenzen_terugzetten, elidable=False),
        migrations.AddField(
            model_name="bijlage",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="UUID"),
        ),
        uuids_vullen("bijlagen", "Bijlage"),
        migrations.AlterField(
            model_name="bijlage",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="UUID"
            ),
        ),
        migrations.AlterField(
            model_name="bijlage",
            name="bron",
            field=models.CharField(
                choices=KANALEN, default="web", max_length=10, verbose_name="bron"
            ),
        ),
        migrations.AlterField(
            model_name="wachtendebijlage",
            name="bron",
            field=models.CharField(
                choices=KANALEN, default="web", max_length=10, verbose_name="bron"
            ),
        ),
        alleen_toevoegen("bijlagen_bijlageverwijdering"),
    ]
