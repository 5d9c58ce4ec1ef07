"""`manage.py preset_laden PO2806 [--preset ppo_rotterdam]`: an SWV's processes from a preset."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passend.core.normalize import normalize_code
from passend.organisaties.models import Samenwerkingsverband
from passend.processen.presets import PresetFout, preset_laden, preset_pad


class Command(BaseCommand):
    help = (
        "Laadt processen, statussen, statusovergangen en hulpvraagtitels uit een preset in één "
        "samenwerkingsverband. Opnieuw laden maakt niets dubbel en zet wat de preset noemt terug "
        "naar de preset; wat een beheerder zelf toevoegde, blijft staan. Het samenwerkingsverband "
        "en zijn regio's moeten al bestaan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("swv", help="Code van het samenwerkingsverband, bijvoorbeeld PO2806.")
        parser.add_argument(
            "--preset",
            default="ppo_rotterdam",
            help="Naam van de preset in passend/processen/presets/ (standaard: ppo_rotterdam).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = normalize_code(options["swv"])
        swv = Samenwerkingsverband.objects.filter(code=code).first()
        if swv is None:
            raise CommandError(
                f'Samenwerkingsverband "{code}" bestaat niet. Maak het eerst aan (met zijn '
                "regio's); dit commando maakt alleen de procesconfiguratie."
            )
        naam = options["preset"]
        try:
            pad = preset_pad(naam)
        except PresetFout as fout:
            raise CommandError(str(fout)) from fout
        try:
            resultaat = preset_laden(swv=swv, pad=pad)
        except PresetFout as fout:
            raise CommandError(
                f"Preset {naam} is niet geladen in {swv}; er is niets gewijzigd.\n{fout}"
            ) from fout
        self.stdout.write(
            self.style.SUCCESS(
                f"Preset {naam} geladen in {swv}: {len(resultaat.aangemaakt)} aangemaakt, "
                f"{len(resultaat.bijgewerkt)} bijgewerkt, {len(resultaat.ongewijzigd)} ongewijzigd."
            )
        )
        if options["verbosity"] >= 2:
            for kop, labels in (
                ("Aangemaakt", resultaat.aangemaakt),
                ("Bijgewerkt", resultaat.bijgewerkt),
            ):
                for label in labels:
                    self.stdout.write(f"  {kop}: {label}")
