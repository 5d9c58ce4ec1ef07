from django.apps import AppConfig


class BijlagenConfig(AppConfig):
    name = "passend.bijlagen"
    verbose_name = "Bijlagen"

    def ready(self) -> None:
        from passend.bijlagen.onderdeel import BIJLAGEN
        from passend.bijlagen.presets import PRESETS_MAP, documenttypes_laden
        from passend.bijlagen.voorwaarden import BIJLAGE_VAN_TYPE
        from passend.hulpvragen import onderdelen
        from passend.processen import presets, voorwaarden

        onderdelen.registreren(BIJLAGEN)
        voorwaarden.registreren(BIJLAGE_VAN_TYPE)
        presets.presetdeel_registreren(PRESETS_MAP, documenttypes_laden)
