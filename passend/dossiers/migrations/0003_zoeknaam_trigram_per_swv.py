"""The trigram index on Leerling.zoeknaam, now with swv_id in front (btree_gin), replacing the
one on zoeknaam alone. Every name search is within one SWV; with the name alone PostgreSQL found
a common fragment ("bakk") in ~18,000 pupils nationwide and read them all to keep the ~180 of
one SWV (bench/README.md). SQLite has no such index; there the migration does nothing."""

from django.db import migrations

INDEX = "leerling_swv_zoeknaam_trgm"
OUD = "leerling_zoeknaam_trgm"


def aanmaken(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # btree_gin lets a GIN index hold the integer swv_id; like pg_trgm a trusted extension
    # (PostgreSQL 13+), so the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON dossiers_leerling "
        "USING gin (swv_id, zoeknaam gin_trgm_ops)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {OUD}")


def verwijderen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OUD} ON dossiers_leerling USING gin (zoeknaam gin_trgm_ops)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_zoeknaam_trigram")]

    operations = [migrations.RunPython(aanmaken, verwijderen, elidable=False)]
