"""Operations that migrations of several apps share."""

from django.db import migrations


def alleen_toevoegen(tabel: str) -> migrations.RunPython:
    """On PostgreSQL the database itself refuses to change or delete a row of `tabel` (ASVS
    V7.3.3): not even a bug or a raw query rewrites history. SQLite (the embedded default) relies
    on the model's refusal (`core.models.AlleenToevoegen`). TRUNCATE stays possible for the
    database owner: retention clean-up, and the test suite's flush between tests."""
    functie = f"{tabel}_alleen_toevoegen"
    aanmaken = f"""
    CREATE OR REPLACE FUNCTION {functie}() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{tabel} is alleen aan te vullen, niet te wijzigen of te verwijderen';
    END;
    $$ LANGUAGE plpgsql;
    CREATE TRIGGER {functie}
        BEFORE UPDATE OR DELETE ON {tabel}
        FOR EACH STATEMENT EXECUTE FUNCTION {functie}();
    """
    verwijderen = f"""
    DROP TRIGGER IF EXISTS {functie} ON {tabel};
    DROP FUNCTION IF EXISTS {functie}();
    """

    def vooruit(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(aanmaken)

    def terug(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(verwijderen)

    return migrations.RunPython(vooruit, terug, elidable=False)


def bewaren_toestaan(tabel: str, *, ook_wijzigen: bool = False) -> migrations.RunPython:
    """Replaces the trigger function of `alleen_toevoegen(tabel)`: a DELETE (with `ook_wijzigen`
    also an UPDATE) passes only when the transaction set `passend.bewaren` to 'aan', which only
    `core.models.bewaartermijn_verwijderen()` does, for retention. Everything else is still
    refused by the database."""
    functie = f"{tabel}_alleen_toevoegen"
    toegestaan = "TG_OP IN ('DELETE', 'UPDATE')" if ook_wijzigen else "TG_OP = 'DELETE'"
    melding = f"{tabel} is alleen aan te vullen, niet te wijzigen of te verwijderen"
    ruim = f"""
    CREATE OR REPLACE FUNCTION {functie}() RETURNS trigger AS $$
    BEGIN
        IF {toegestaan} AND current_setting('passend.bewaren', true) = 'aan' THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION '{melding}';
    END;
    $$ LANGUAGE plpgsql;
    """
    strikt = f"""
    CREATE OR REPLACE FUNCTION {functie}() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{melding}';
    END;
    $$ LANGUAGE plpgsql;
    """

    def vooruit(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(ruim)

    def terug(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(strikt)

    return migrations.RunPython(vooruit, terug, elidable=False)


def uuids_vullen(app: str, model: str) -> migrations.RunPython:
    """Gives every existing row of a new, still nullable `uuid` column its own random UUID (a
    column default would give them all the same one). PostgreSQL does it in one statement, also
    for a million rows; elsewhere row by row."""

    def vooruit(apps, schema_editor):  # type: ignore[no-untyped-def]
        Model = apps.get_model(app, model)
        if schema_editor.connection.vendor == "postgresql":
            tabel = schema_editor.quote_name(Model._meta.db_table)
            schema_editor.execute(
                f"UPDATE {tabel} SET uuid = gen_random_uuid() WHERE uuid IS NULL"  # noqa: S608
            )
            return
        import uuid

        for pk in Model.objects.filter(uuid__isnull=True).values_list("pk", flat=True):
            Model.objects.filter(pk=pk).update(uuid=uuid.uuid4())

    return migrations.RunPython(vooruit, migrations.RunPython.noop, elidable=False)
