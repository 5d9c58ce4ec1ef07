"""Every existing SWV gets the default terms as rows (an SWV made later has them by default
until its administrator saves its own: `selectors.termijnen`). On PostgreSQL the append-only
triggers of the history tables a retention run empties let a DELETE through when, and only
when, the transaction set `passend.bewaren` (core.models.bewaartermijn_verwijderen); the access
log also an UPDATE, to pseudonymise a removed pupil's search text."""

from django.db import migrations

from passend.core.migraties import bewaren_toestaan

STANDAARD = {
    "nooit_ingediend": (1, "jaren"),
    "afgesloten": (3, "jaren"),
    "tlv_besluit": (7, "jaren"),
    "inzagelog": (5, "jaren"),
}


def standaard_laden(apps, schema_editor):  # type: ignore[no-untyped-def]
    Samenwerkingsverband = apps.get_model("organisaties", "Samenwerkingsverband")
    Bewaartermijn = apps.get_model("bewaren", "Bewaartermijn")
    for swv in Samenwerkingsverband.objects.all():
        for soort, (aantal, eenheid) in STANDAARD.items():
            Bewaartermijn.objects.get_or_create(
                swv=swv, soort=soort, defaults={"aantal": aantal, "eenheid": eenheid}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("bewaren", "0001_bewaren"),
        ("audit", "0006_systeem"),
        ("hulpvragen", "0004_uuid_kanaal_statushistorie_alleen_toevoegen"),
        ("bijlagen", "0004_documenttypes"),
    ]

    operations = [
        migrations.RunPython(standaard_laden, migrations.RunPython.noop),
        bewaren_toestaan("hulpvragen_statuswijziging"),
        bewaren_toestaan("bijlagen_bijlageverwijdering"),
        bewaren_toestaan("audit_inzage", ook_wijzigen=True),
    ]
