from django.db import migrations

# The SWV's privacy officer (issue 17, B8): reads the access log of the own SWV through the
# audit viewer. Side "extern" on purpose: "school" or "swv" would open hulpvragen and dossiers
# through the visibility rules (hulpvragen/query.py), and the officer sees pupil data only as
# the log names it.


def rol_aanmaken(apps, schema_editor):
    Rol = apps.get_model("accounts", "Rol")
    Rol.objects.update_or_create(
        code="privacyfunctionaris",
        defaults={"naam": "Privacyfunctionaris", "kant": "extern", "aan_scholen_gekoppeld": False},
    )


def rol_verwijderen(apps, schema_editor):
    apps.get_model("accounts", "Rol").objects.filter(code="privacyfunctionaris").delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_beheer")]

    operations = [migrations.RunPython(rol_aanmaken, rol_verwijderen)]
