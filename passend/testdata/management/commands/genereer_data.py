"""`manage.py genereer_data --swvs 100 --hulpvragen-per-swv 10000`: data at national scale for
the benchmark in bench/; refuses to run with production settings."""

import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from passend.testdata.generator import MAX_SWVS, Generator


class Command(BaseCommand):
    help = (
        "Genereert samenwerkingsverbanden (PO5000 en verder) met scholen, accounts en "
        "hulpvragen, voor benchmarks. Een SWV dat al bestaat wordt overgeslagen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--swvs", type=int, default=2)
        parser.add_argument("--hulpvragen-per-swv", type=int, default=100)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--accounts-json",
            type=Path,
            help="Schrijf de accounts (wachtwoord, TOTP-geheim) naar dit bestand.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "Gegenereerde gegevens horen niet in productie (DJANGO_ENV=production)."
            )
        aantal = options["swvs"]
        if not 1 <= aantal <= MAX_SWVS or options["hulpvragen_per_swv"] < 0:
            raise CommandError(
                f"Kies 1 tot {MAX_SWVS} SWV's en een aantal hulpvragen van 0 of meer."
            )
        begin = time.monotonic()

        def meld(tekst: str) -> None:
            self.stdout.write(f"[{time.monotonic() - begin:7.1f} s] {tekst}")

        generator = Generator(
            hulpvragen_per_swv=options["hulpvragen_per_swv"], seed=options["seed"], meld=meld
        )
        accounts = [account.als_dict() for account in generator.genereer(aantal)]
        if options["accounts_json"]:
            options["accounts_json"].write_text(json.dumps({"accounts": accounts}, indent=2))
            meld(f"Accounts geschreven naar {options['accounts_json']}.")
        else:
            eerste = accounts[0]
            meld(
                f"Klaar. Accounts per SWV: scp, coordinator, beheerder, ib01 (wachtwoord "
                f"{eerste['wachtwoord']}); de TOTP-geheimen schrijft --accounts-json."
            )
