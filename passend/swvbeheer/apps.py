from django.apps import AppConfig


class SwvbeheerConfig(AppConfig):
    name = "passend.swvbeheer"
    verbose_name = "SWV-beheer"

    def ready(self) -> None:
        from passend.core import periodiek
        from passend.swvbeheer.services import geplande_deactiveringen_uitvoeren

        periodiek.registreren(
            "geplande_deactiveringen_uitvoeren", geplande_deactiveringen_uitvoeren
        )
