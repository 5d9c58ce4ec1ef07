from django.apps import AppConfig


class KoppelingenConfig(AppConfig):
    name = "passend.koppelingen"
    verbose_name = "Koppelingen"

    def ready(self) -> None:
        from passend.bijlagen.services import opslagnamen_registreren
        from passend.core import periodiek
        from passend.koppelingen.models import Conceptbijlage
        from passend.koppelingen.services import oude_idempotentiesleutels_verwijderen

        def conceptbestanden(namen: list[str]) -> list[str]:
            return list(
                Conceptbijlage.objects.filter(opslagnaam__in=namen).values_list(
                    "opslagnaam", flat=True
                )
            )

        opslagnamen_registreren(conceptbestanden)
        periodiek.registreren("idempotentiesleutels", oude_idempotentiesleutels_verwijderen)
