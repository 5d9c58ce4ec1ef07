from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "passend.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from passend.accounts import security_log  # noqa: F401  (connects the signal receivers)
        from passend.accounts.services import dagrapport_aan_applicatiebeheerders
        from passend.core import periodiek

        periodiek.registreren("dagrapport_mislukte_berichten", dagrapport_aan_applicatiebeheerders)
