"""Statuses and titles get a stable code that presets, transitions, conditions and the API
refer to, so renaming one changes nothing else; existing rows get a code made from their name.
A transition may name conditions (`voorwaarden`) that must hold before it can be chosen."""

import re
import unicodedata

from django.db import migrations, models

OMSCHRIJVING = (
    "Vaste sleutel; verandert niet als de naam verandert. Leeg: gemaakt uit de naam."
)


def _code(naam: str) -> str:
    # As passend.core.normalize.code_uit_naam on the day of this migration.
    zonder = "".join(
        teken
        for teken in unicodedata.normalize("NFKD", naam.casefold())
        if not unicodedata.combining(teken)
    )
    return re.sub(r"[^a-z0-9]+", "_", zonder).strip("_")[:60]


def _uniek(rijen, groep):  # type: ignore[no-untyped-def]
    gezien: set[tuple[object, str]] = set()
    for rij in rijen:
        basis = code = _code(rij.naam) or "code"
        volgnummer = 2
        while (getattr(rij, groep), code) in gezien:
            code = f"{basis}_{volgnummer}"
            volgnummer += 1
        gezien.add((getattr(rij, groep), code))
        rij.code = code
        rij.save(update_fields=["code"])


def codes_maken(apps, schema_editor):
    _uniek(apps.get_model("processen", "Status").objects.order_by("pk"), "proces_id")
    _uniek(apps.get_model("processen", "Hulpvraagtitel").objects.order_by("pk"), "swv_id")


class Migration(migrations.Migration):
    dependencies = [("processen", "0002_status_telt_als_thuiszitter")]

    operations = [
        migrations.AddField(
            model_name="status",
            name="code",
            field=models.SlugField(
                blank=True, default="", help_text=OMSCHRIJVING, max_length=60, verbose_name="code"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="hulpvraagtitel",
            name="code",
            field=models.SlugField(
                blank=True, default="", help_text=OMSCHRIJVING, max_length=60, verbose_name="code"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(codes_maken, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="status",
            constraint=models.UniqueConstraint(
                fields=("proces", "code"), name="status_code_uniek_per_proces"
            ),
        ),
        migrations.AddConstraint(
            model_name="hulpvraagtitel",
            constraint=models.UniqueConstraint(
                fields=("swv", "code"), name="hulpvraagtitel_code_uniek_per_swv"
            ),
        ),
        migrations.AddField(
            model_name="statusovergang",
            name="voorwaarden",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Codes van voorwaarden die moeten gelden voordat deze overgang kan.",
                verbose_name="voorwaarden",
            ),
        ),
    ]
