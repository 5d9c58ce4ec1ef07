from django.apps import AppConfig


class HulpvragenConfig(AppConfig):
    name = "passend.hulpvragen"
    verbose_name = "Hulpvragen"
