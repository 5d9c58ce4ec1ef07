"""`manage.py lvs_simulator esis [scenario]`: plays Esis against a running Passend over HTTP
(see passend/koppelingen/simulator.py). The defaults are the demo's, so after `make run`:

    .venv/bin/python manage.py lvs_simulator esis alles --als-swv pjansen
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passend.koppelingen import simulator


class Command(BaseCommand):
    help = (
        "Speelt Esis tegen een draaiende Passend (via de API): een nieuwe aanvraag met "
        "bijlagen, een concept dat gewijzigd en verzonden wordt, ‘Dossier incompleet’ en "
        "opnieuw verzenden, en de status teruglezen. Standaard met de gegevens van de demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("systeem", choices=["esis"], help="Het leerlingvolgsysteem: esis.")
        parser.add_argument(
            "scenario",
            nargs="?",
            default="alles",
            choices=[*simulator.SCENARIOS, "alles"],
            help="nieuw, concept, incompleet, status of alles (standaard).",
        )
        parser.add_argument(
            "--url", default=simulator.DEMO_URL, help=f"Passend (standaard {simulator.DEMO_URL})."
        )
        parser.add_argument(
            "--token",
            default=simulator.DEMO_TOKEN,
            help="Het token van de API-client (standaard dat van de demo).",
        )
        parser.add_argument(
            "--verificatiecode",
            default=simulator.DEMO_VERIFICATIECODE,
            help="De verificatiecode van de school (standaard De Regenboog in de demo).",
        )
        parser.add_argument(
            "--contactpersoon",
            default=simulator.DEMO_CONTACTPERSOON,
            help="Het e-mailadres van het schoolaccount waarvoor Esis handelt.",
        )
        parser.add_argument(
            "--als-swv",
            default="",
            metavar="GEBRUIKERSNAAM",
            help="Medewerker van het SWV die in het scenario ‘incompleet’ de status ‘Dossier "
            "incompleet’ zet. Die stap gaat niet via de API maar via de services, in de database "
            "van dit commando (dezelfde als die van de draaiende Passend).",
        )
        parser.add_argument(
            "--titel", default=simulator.TITEL, help="De korte omschrijving (uit GET /titels/)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            simulator.EsisSimulator(
                url=options["url"],
                token=options["token"],
                verificatiecode=options["verificatiecode"],
                contactpersoon=options["contactpersoon"],
                als_swv=options["als_swv"],
                titel=options["titel"],
                uit=self.stdout.write,
            ).spelen(options["scenario"])
        except simulator.SimulatieFout as fout:
            raise CommandError(f"Onverwacht antwoord: {fout}") from fout
