from django.apps import AppConfig


class HulpvragenConfig(AppConfig):
    name = "passend.hulpvragen"
    verbose_name = "Hulpvragen"

    def ready(self) -> None:
        from passend.dossiers.query import zichtbaarheidsregel
        from passend.hulpvragen import (
            keuzelijsten,
            meldingen,  # noqa: F401  (connects the status mail)
            verloop,  # noqa: F401  (keeps the summary right when a status's flags change)
        )
        from passend.hulpvragen.query import leerlingen_met_zichtbare_hulpvraag
        from passend.hulpvragen.voorwaarden import HULPVRAAG_INGEVULD, SWV_NOG_NIET_BEGONNEN
        from passend.processen import voorwaarden

        keuzelijsten.verbinden()
        zichtbaarheidsregel(leerlingen_met_zichtbare_hulpvraag)
        voorwaarden.registreren(SWV_NOG_NIET_BEGONNEN)
        voorwaarden.registreren(HULPVRAAG_INGEVULD)
