from django.apps import AppConfig


class BijlagenConfig(AppConfig):
    name = "passend.bijlagen"
    verbose_name = "Bijlagen"
