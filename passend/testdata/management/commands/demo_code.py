"""Prints the current code of a demo account, for a local run without a phone at hand."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Toont de huidige code van een account, bijvoorbeeld: demo_code PO2806/iverhoef"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "account",
            help="ORGANISATIE/gebruikersnaam, bijvoorbeeld PO2806/iverhoef; de gebruikersnaam "
            "alleen als die bij één organisatie bestaat",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Codes tonen kan alleen buiten productie (DJANGO_ENV=production).")
        account = options["account"].strip()
        code, schuine_streep, gebruikersnaam = account.rpartition("/")
        devices = TOTPDevice.objects.filter(
            user__gebruikersnaam=gebruikersnaam, confirmed=True
        ).select_related("user__swv")
        if schuine_streep:
            devices = devices.filter(user__swv__code=code.strip().upper())
        gevonden = list(devices.order_by("user__swv__code"))
        if not gevonden:
            raise CommandError(f"Geen ingesteld account {account!r} gevonden.")
        if len(gevonden) > 1:
            # The same username at several SWVs (R43): name them, so the next try is right.
            organisaties = ", ".join(f"{d.user.swv.code} ({d.user.swv.naam})" for d in gevonden)
            voorbeeld = f"{gevonden[0].user.swv.code}/{gebruikersnaam}"
            raise CommandError(
                f"Gebruikersnaam {gebruikersnaam!r} bestaat bij meer organisaties: "
                f"{organisaties}. Noem de organisatie erbij, bijvoorbeeld: "
                f"make demo-code GEBRUIKER={voorbeeld}"
            )
        device = gevonden[0]
        self.stdout.write(f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}")
