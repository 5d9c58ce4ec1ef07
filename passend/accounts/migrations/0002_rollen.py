from django.db import migrations

# The roles of the manual and of Kindkans practice. They are data: rules name a role's code,
# and application administrators may rename a role without a code change.
ROLLEN = [
    ("intern_begeleider", "Intern begeleider / schoolmedewerker", "school", True),
    ("directeur", "Directeur (bevoegd gezag)", "school", True),
    ("schoolcontactpersoon", "Schoolcontactpersoon", "swv", False),
    ("coordinator", "Coördinator", "swv", False),
    ("tlv_administratie", "TLV-administratie", "swv", False),
    ("deskundige", "Deskundige", "swv", False),
    ("regiomanager", "Regiomanager", "swv", False),
    ("applicatiebeheerder", "Applicatiebeheerder", "swv", False),
    ("externe_deelnemer", "Externe deelnemer", "extern", False),
    ("ouder", "Ouder", "extern", False),
]


def rollen_aanmaken(apps, schema_editor):
    Rol = apps.get_model("accounts", "Rol")
    for code, naam, kant, aan_scholen_gekoppeld in ROLLEN:
        Rol.objects.update_or_create(
            code=code,
            defaults={"naam": naam, "kant": kant, "aan_scholen_gekoppeld": aan_scholen_gekoppeld},
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(rollen_aanmaken, migrations.RunPython.noop)]
