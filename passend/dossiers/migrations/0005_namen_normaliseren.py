"""Issue 18.2: pupil names normalised as new input is (`normaliseer_tekst`: NFC, no invisible
characters, single spaces) and the search column recomputed from them (`zoeksleutel`).

In batches by primary key, writing only the rows that change: at a million pupils this reads
every row once (a few hundred queries of BATCH rows) and writes the few typed with a soft
hyphen or a zero-width space. Not atomic as a whole: each batch commits on its own, so
PostgreSQL holds no transaction for the whole read; a rerun after an interruption redoes
nothing that was done, because the normalisation is idempotent. Portable SQL only (SQLite and
PostgreSQL): the Unicode rules live in Python.
"""

from django.db import migrations, transaction

from passend.core.normalize import normaliseer_tekst, zoeksleutel

BATCH = 5000
NAMEN = ("roepnaam", "tussenvoegsel", "achternaam")


def namen_normaliseren(apps, schema_editor):  # type: ignore[no-untyped-def]
    Leerling = apps.get_model("dossiers", "Leerling")
    leerlingen = Leerling.objects.using(schema_editor.connection.alias)
    rijen = leerlingen.order_by("pk")
    vanaf = 0
    while True:
        batch = list(rijen.filter(pk__gt=vanaf).values_list("pk", *NAMEN, "zoeknaam")[:BATCH])
        if not batch:
            return
        vanaf = batch[-1][0]
        gewijzigd = []
        for pk, *namen, zoeknaam in batch:
            nieuw = [normaliseer_tekst(naam) for naam in namen]
            nieuwe_zoeknaam = zoeksleutel(" ".join(naam for naam in nieuw if naam))
            if nieuw != namen or nieuwe_zoeknaam != zoeknaam:
                velden = dict(zip(NAMEN, nieuw, strict=True))
                gewijzigd.append(Leerling(pk=pk, zoeknaam=nieuwe_zoeknaam, **velden))
        if gewijzigd:
            with transaction.atomic(using=schema_editor.connection.alias):
                leerlingen.bulk_update(gewijzigd, [*NAMEN, "zoeknaam"])


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("dossiers", "0004_leerling_uuid")]

    operations = [migrations.RunPython(namen_normaliseren, migrations.RunPython.noop, elidable=True)]
