from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_alleen_toevoegen")]

    operations = [
        migrations.AddField(
            model_name="inzage",
            name="gebeurtenis",
            field=models.CharField(blank=True, max_length=50, verbose_name="gebeurtenis"),
        ),
        migrations.AddField(
            model_name="inzage",
            name="namens",
            field=models.CharField(
                blank=True,
                help_text="Voor wie een koppeling handelde, als dat een ander is dan de gebruiker.",
                max_length=200,
                verbose_name="namens",
            ),
        ),
        migrations.AddField(
            model_name="inzage",
            name="request_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="verzoek-id"),
        ),
        migrations.AddField(
            model_name="inzage",
            name="user_agent",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="browser (user agent)"
            ),
        ),
        migrations.AlterField(
            model_name="inzage",
            name="actie",
            field=models.CharField(
                choices=[
                    ("bekeken", "bekeken"),
                    ("lijst", "in een lijst getoond"),
                    ("gezocht", "gezocht"),
                    ("aangemaakt", "aangemaakt"),
                    ("gewijzigd", "gewijzigd"),
                    ("verwijderd", "verwijderd"),
                ],
                max_length=20,
                verbose_name="actie",
            ),
        ),
        migrations.AlterField(
            model_name="inzage",
            name="objecttype",
            field=models.CharField(
                choices=[
                    ("leerling", "leerling (dossier)"),
                    ("hulpvraag", "hulpvraag"),
                    ("bijlage", "bijlage"),
                ],
                max_length=50,
                verbose_name="soort gegeven",
            ),
        ),
    ]
