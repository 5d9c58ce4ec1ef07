from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("notificaties", "0001_outbox")]

    operations = [
        migrations.AddField(
            model_name="bericht",
            name="vertrouwelijk",
            field=models.BooleanField(default=False, editable=False, verbose_name="vertrouwelijk"),
        ),
        # Templates are named in full now ("hulpvragen/mail/status_gewijzigd.txt").
        migrations.AlterField(
            model_name="bericht",
            name="sjabloon",
            field=models.CharField(max_length=200, verbose_name="sjabloon"),
        ),
    ]
