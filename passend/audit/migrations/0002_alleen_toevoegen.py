from django.db import migrations

# On PostgreSQL the database itself refuses to change or delete a log row (ASVS V7.3.3), so
# not even a bug or a raw query in the application can rewrite history. SQLite (the embedded
# default) relies on the model's own refusal. TRUNCATE stays possible for the database owner
# (retention clean-up, and the test suite's flush between tests).
TRIGGER = """
CREATE OR REPLACE FUNCTION audit_inzage_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Het inzagelog is alleen aan te vullen, niet te wijzigen of te verwijderen';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_inzage_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON audit_inzage
    FOR EACH STATEMENT EXECUTE FUNCTION audit_inzage_alleen_toevoegen();
"""

TRIGGER_WEG = """
DROP TRIGGER IF EXISTS audit_inzage_alleen_toevoegen ON audit_inzage;
DROP FUNCTION IF EXISTS audit_inzage_alleen_toevoegen();
"""


def trigger_aanmaken(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def trigger_verwijderen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_WEG)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_inzage")]

    operations = [migrations.RunPython(trigger_aanmaken, trigger_verwijderen)]
