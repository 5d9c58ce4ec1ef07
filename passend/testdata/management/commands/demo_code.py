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
            "account", help="ORGANISATIE/gebruikersnaam, bijvoorbeeld PO2806/iverhoef"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Codes tonen kan alleen buiten productie (DJANGO_ENV=production).")
        code, _, gebruikersnaam = options["account"].partition("/")
        device = TOTPDevice.objects.filter(
            user__swv__code=code.upper(), user__gebruikersnaam=gebruikersnaam, confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"Geen ingesteld account {options['account']!r} gevonden.")
        self.stdout.write(f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}")
