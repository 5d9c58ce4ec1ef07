from django.apps import AppConfig


class KoppelingenConfig(AppConfig):
    name = "passend.koppelingen"
    verbose_name = "Koppelingen"
