"""Fills the Managementoverzicht's summary (Hulpvraagverloop) for the hulpvragen that exist,
in batches of hulpvraag ids, each in its own transaction: an interrupted run is simply run again
(the statement replaces a row it already wrote). The SQL is the one of
`hulpvragen.services.hulpvraagverloop_bijwerken` at the time of writing, copied so that this
migration keeps doing what it did when the service changes."""

from django.db import migrations, transaction

PARTIJ = 50_000

VULLEN = """
WITH gekozen (id) AS (
    SELECT id FROM hulpvragen_hulpvraag WHERE id >= %s AND id < %s
), stappen AS (
    SELECT w.hulpvraag_id, w.op, s.eindstatus,
           MIN(CASE WHEN s.zichtbaar_voor_swv THEN w.op END)
               OVER (PARTITION BY w.hulpvraag_id) AS begin
    FROM hulpvragen_statuswijziging w
    JOIN processen_status s ON s.id = w.naar_id
    WHERE w.hulpvraag_id IN (SELECT id FROM gekozen)
), momenten AS (
    SELECT hulpvraag_id, MIN(begin) AS begin,
           MIN(CASE WHEN eindstatus AND op >= begin THEN op END) AS einde
    FROM stappen GROUP BY hulpvraag_id
)
INSERT INTO hulpvragen_hulpvraagverloop (hulpvraag_id, swv_id, titel_id, status_id,
                                         status_zichtbaar_voor_swv, schoolgegevens_id,
                                         school_id, hulpvraagdatum, eerst_zichtbaar,
                                         eerst_afgerond)
SELECT h.id, h.swv_id, h.titel_id, h.status_id, hs.zichtbaar_voor_swv, h.schoolgegevens_id,
       sg.school_id, h.hulpvraagdatum, m.begin, m.einde
FROM hulpvragen_hulpvraag h
JOIN dossiers_schoolgegevens sg ON sg.id = h.schoolgegevens_id
JOIN processen_status hs ON hs.id = h.status_id
LEFT JOIN momenten m ON m.hulpvraag_id = h.id
WHERE h.id IN (SELECT id FROM gekozen)
ON CONFLICT (hulpvraag_id) DO UPDATE SET
    swv_id = excluded.swv_id, titel_id = excluded.titel_id, status_id = excluded.status_id,
    status_zichtbaar_voor_swv = excluded.status_zichtbaar_voor_swv,
    schoolgegevens_id = excluded.schoolgegevens_id, school_id = excluded.school_id,
    hulpvraagdatum = excluded.hulpvraagdatum, eerst_zichtbaar = excluded.eerst_zichtbaar,
    eerst_afgerond = excluded.eerst_afgerond
"""


def vullen(apps, schema_editor):
    verbinding = schema_editor.connection
    with verbinding.cursor() as cursor:
        cursor.execute("SELECT MIN(id), MAX(id) FROM hulpvragen_hulpvraag")
        laagste, hoogste = cursor.fetchone()
    if laagste is None:
        return
    for begin in range(laagste, hoogste + 1, PARTIJ):
        with transaction.atomic(using=schema_editor.connection.alias):
            with verbinding.cursor() as cursor:
                cursor.execute(VULLEN, [begin, begin + PARTIJ])
    if verbinding.vendor == "postgresql":
        # Statistics for the new table now, so the first Managementoverzicht is planned well.
        with verbinding.cursor() as cursor:
            cursor.execute("ANALYZE hulpvragen_hulpvraagverloop")


class Migration(migrations.Migration):
    # Each batch commits on its own (see above).
    atomic = False

    dependencies = [("hulpvragen", "0005_hulpvraagverloop")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop, elidable=False)]
