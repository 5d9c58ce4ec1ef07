from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "passend.audit"
    verbose_name = "Inzagelog"

    def ready(self) -> None:
        from passend.audit import aanmeldingen  # noqa: F401  (connects the signal receivers)
