from django.apps import AppConfig


class BijlagenConfig(AppConfig):
    name = "passend.bijlagen"
    verbose_name = "Bijlagen"

    def ready(self) -> None:
        from passend.bijlagen.onderdeel import BIJLAGEN
        from passend.hulpvragen import onderdelen

        onderdelen.registreren(BIJLAGEN)
