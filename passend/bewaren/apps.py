from django.apps import AppConfig


class BewarenConfig(AppConfig):
    name = "passend.bewaren"
    verbose_name = "Bewaartermijnen"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from passend.bewaren.services import bewaarrondes_uitvoeren
        from passend.core import periodiek
        from passend.swvbeheer import menu

        periodiek.registreren("bewaartermijnen", bewaarrondes_uitvoeren)
        menu.registreren(
            menu.Menuitem(
                url_naam="bewaren:index",
                label=_("Bewaartermijnen"),
                omschrijving=_(
                    "hoe lang dossiers, TLV-besluiten en het inzagelog bewaard blijven, wat er "
                    "bij de volgende ronde weggaat, en bewaarplicht per leerling"
                ),
            )
        )
