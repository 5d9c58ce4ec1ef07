"""Extended statistics on Hulpvraag (swv, status): a status belongs to one SWV's process, so
`swv_id = X AND status_id IN (...)` matches as many rows as the status filter alone. Without
these statistics PostgreSQL multiplies the two selectivities, estimates a few dozen rows where
there are thousands, and joins them all before the page's top 25 (bench/README.md). SQLite has no
such statistics; there the migration does nothing."""

from django.db import migrations

STATISTIEK = "hulpvraag_swv_status_stat"


def aanmaken(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS {STATISTIEK} (dependencies) "
        "ON swv_id, status_id FROM hulpvragen_hulpvraag"
    )
    # Filled by the next ANALYZE; run it now so the plans change at once, not after autovacuum.
    schema_editor.execute("ANALYZE hulpvragen_hulpvraag")


def verwijderen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTIEK}")


class Migration(migrations.Migration):
    dependencies = [("hulpvragen", "0002_status_sinds_en_indexen")]

    operations = [migrations.RunPython(aanmaken, verwijderen, elidable=False)]
