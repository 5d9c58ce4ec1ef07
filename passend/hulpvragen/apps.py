from django.apps import AppConfig


class HulpvragenConfig(AppConfig):
    name = "passend.hulpvragen"
    verbose_name = "Hulpvragen"

    def ready(self) -> None:
        from passend.hulpvragen import (
            keuzelijsten,
            meldingen,  # noqa: F401  (connects the status mail)
        )

        keuzelijsten.verbinden()
