from django.apps import AppConfig


class NotificatiesConfig(AppConfig):
    name = "passend.notificaties"
    verbose_name = "Notificaties"
