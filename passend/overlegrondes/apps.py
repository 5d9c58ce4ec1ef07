from django.apps import AppConfig


class OverlegrondesConfig(AppConfig):
    name = "passend.overlegrondes"
    verbose_name = "Overlegrondes"

    def ready(self) -> None:
        from passend.bijlagen.opslag import eigenaar_registreren
        from passend.core import periodiek
        from passend.hulpvragen import onderdelen
        from passend.overlegrondes.models import Reactiebijlage
        from passend.overlegrondes.onderdeel import OVERLEGRONDES
        from passend.overlegrondes.services import externe_accounts_deactiveren

        onderdelen.registreren(OVERLEGRONDES)
        periodiek.registreren("externe_accounts_deactiveren", externe_accounts_deactiveren)
        eigenaar_registreren(
            lambda namen: Reactiebijlage.objects.filter(opslagnaam__in=namen).values_list(
                "opslagnaam", flat=True
            )
        )
