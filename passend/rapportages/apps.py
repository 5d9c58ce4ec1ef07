from django.apps import AppConfig


class RapportagesConfig(AppConfig):
    name = "passend.rapportages"
    verbose_name = "Rapportages"
