from django.apps import AppConfig


class VerantwoordingConfig(AppConfig):
    name = "passend.verantwoording"
    verbose_name = "Verantwoording"
