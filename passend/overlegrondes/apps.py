from django.apps import AppConfig


class OverlegrondesConfig(AppConfig):
    name = "passend.overlegrondes"
    verbose_name = "Overlegrondes"
