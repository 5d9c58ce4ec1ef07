"""The Managementoverzicht counts thuiszitters by a flag on the status, not by its name; the
status that was named "Thuiszitter" gets the flag."""

from django.db import migrations, models


def vlag_zetten(apps, schema_editor):
    Status = apps.get_model("processen", "Status")
    Status.objects.filter(naam="Thuiszitter").update(telt_als_thuiszitter=True)


class Migration(migrations.Migration):
    dependencies = [("processen", "0001_processen")]

    operations = [
        migrations.AddField(
            model_name="status",
            name="telt_als_thuiszitter",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Aan voor de status waarin een leerling als thuiszitter geregistreerd staat "
                    "zonder oplossing; het Managementoverzicht telt hulpvragen in deze status."
                ),
                verbose_name="telt als thuiszitter",
            ),
        ),
        migrations.RunPython(vlag_zetten, migrations.RunPython.noop, elidable=False),
    ]
