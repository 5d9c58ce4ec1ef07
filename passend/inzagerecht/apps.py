from django.apps import AppConfig


class InzagerechtConfig(AppConfig):
    name = "passend.inzagerecht"
    verbose_name = "Inzagerecht"

    def ready(self) -> None:
        from passend.hulpvragen import onderdelen
        from passend.inzagerecht.onderdeel import (
            DELEN_MET_OUDERS,
            INZAGE_EN_EXPORT,
            dossiermelding,
            hulpvraagkenmerk,
        )

        onderdelen.registreren(DELEN_MET_OUDERS)
        onderdelen.dossiertab_registreren(INZAGE_EN_EXPORT)
        onderdelen.dossiermeldingen_registreren(dossiermelding)
        onderdelen.kenmerken_registreren(hulpvraagkenmerk)
