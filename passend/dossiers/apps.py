from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "passend.dossiers"
    verbose_name = "Dossiers"
