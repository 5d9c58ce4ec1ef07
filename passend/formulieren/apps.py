from django.apps import AppConfig


class FormulierenConfig(AppConfig):
    name = "passend.formulieren"
    verbose_name = "Formulieren"

    def ready(self) -> None:
        from passend.core import periodiek
        from passend.formulieren import ontvangers  # noqa: F401  (attaches forms on a status)
        from passend.formulieren.onderdeel import FORMULIEREN
        from passend.formulieren.presets import PRESETS_MAP, formulieren_laden
        from passend.formulieren.selectors import bezwaartermijnen
        from passend.formulieren.termijnen import termijnen_bewaken
        from passend.formulieren.voorwaarden import (
            FORMULIER_ANTWOORD_FAMILIE,
            FORMULIER_COMPLEET_FAMILIE,
        )
        from passend.hulpvragen import onderdelen
        from passend.processen import presets, voorwaarden

        onderdelen.registreren(FORMULIEREN)
        onderdelen.kenmerken_registreren(bezwaartermijnen)
        voorwaarden.registreren(FORMULIER_COMPLEET_FAMILIE)
        voorwaarden.registreren(FORMULIER_ANTWOORD_FAMILIE)
        presets.presetdeel_registreren(PRESETS_MAP, formulieren_laden)
        periodiek.registreren("termijnen_op_formulieren", termijnen_bewaken)
