from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "passend.core"
    verbose_name = "Kern"
