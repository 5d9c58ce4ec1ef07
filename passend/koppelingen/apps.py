from django.apps import AppConfig


class KoppelingenConfig(AppConfig):
    name = "passend.koppelingen"
    verbose_name = "Koppelingen"

    def ready(self) -> None:
        from passend.bijlagen.opslag import eigenaar_registreren
        from passend.core import periodiek
        from passend.hulpvragen import onderdelen
        from passend.koppelingen.models import Conceptbijlage
        from passend.koppelingen.onderdeel import OSO_GEGEVENS
        from passend.koppelingen.presets import PRESETS_MAP, koppelingen_laden
        from passend.koppelingen.services import oude_idempotentiesleutels_verwijderen
        from passend.processen import presets

        def conceptbestanden(namen: list[str]) -> list[str]:
            return list(
                Conceptbijlage.objects.filter(opslagnaam__in=namen).values_list(
                    "opslagnaam", flat=True
                )
            )

        eigenaar_registreren(conceptbestanden)
        periodiek.registreren("idempotentiesleutels", oude_idempotentiesleutels_verwijderen)
        presets.presetdeel_registreren(PRESETS_MAP, koppelingen_laden)
        onderdelen.registreren(OSO_GEGEVENS)
