"""A trigram index on Leerling.zoeknaam, so a search on part of a name (LIKE '%fragment%') is
answered from an index on PostgreSQL. SQLite has no such index; there the migration does nothing
and the search scans, which is fine at its scale."""

from django.db import migrations

INDEX = "leerling_zoeknaam_trgm"


def aanmaken(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON dossiers_leerling "
        "USING gin (zoeknaam gin_trgm_ops)"
    )


def verwijderen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(aanmaken, verwijderen, elidable=False)]
