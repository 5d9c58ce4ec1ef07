from django.apps import AppConfig


class NotificatiesConfig(AppConfig):
    name = "passend.notificaties"
    verbose_name = "Notificaties"

    def ready(self) -> None:
        from passend.core import periodiek
        from passend.notificaties.services import wachtende_berichten_aanbieden_periodiek

        periodiek.registreren("berichten_aanbieden", wachtende_berichten_aanbieden_periodiek)
