"""`manage.py lvs_simulator esis [scenario]`: plays Esis against a running Passend over HTTP
(see passend/koppelingen/simulator.py). The defaults are the demo's, so after `make run`:

    .venv/bin/python manage.py lvs_simulator esis alles --als-swv pjansen
    .venv/bin/python manage.py lvs_simulator parnassys
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passend.koppelingen import simulator


class Command(BaseCommand):
    help = (
        "Speelt Esis tegen een draaiende Passend (via de API): een nieuwe aanvraag met "
        "bijlagen, een concept dat gewijzigd en verzonden wordt, ‘Dossier incompleet’ en "
        "opnieuw verzenden, en de status teruglezen. Of ParnasSys (via OSO): de officiële "
        "voorbeelddossiers indienen en teruglezen, en dossiers die geweigerd moeten worden. "
        "Standaard met de gegevens van de demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "systeem", choices=["esis", "parnassys"], help="Het leerlingvolgsysteem."
        )
        parser.add_argument(
            "scenario",
            nargs="?",
            default="alles",
            choices=[*simulator.SCENARIOS, *simulator.PARNASSYS_SCENARIOS, "alles"],
            help="Esis: nieuw, concept, incompleet, status; ParnasSys: voorbeelden, geweigerd; "
            "of alles (standaard).",
        )
        parser.add_argument(
            "--url", default=simulator.DEMO_URL, help=f"Passend (standaard {simulator.DEMO_URL})."
        )
        parser.add_argument(
            "--token",
            default="",
            help="Het token van de API-client (standaard dat van de demo).",
        )
        parser.add_argument(
            "--verificatiecode",
            default=simulator.DEMO_VERIFICATIECODE,
            help="Esis: de verificatiecode van de school (standaard De Regenboog in de demo).",
        )
        parser.add_argument(
            "--school",
            default=simulator.PARNASSYS_SCHOOL,
            help="ParnasSys: BRIN en vestiging om de status terug te lezen (standaard die van de "
            f"voorbeelddossiers, {simulator.PARNASSYS_SCHOOL}).",
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
        systeem, scenario = options["systeem"], options["scenario"]
        scenarios = simulator.SCENARIOS if systeem == "esis" else simulator.PARNASSYS_SCENARIOS
        if scenario != "alles" and scenario not in scenarios:
            raise CommandError(
                f"Scenario ‘{scenario}’ bestaat niet voor {systeem}; kies uit "
                f"{', '.join(scenarios)} of alles."
            )
        try:
            if systeem == "parnassys":
                simulator.ParnassysSimulator(
                    url=options["url"],
                    token=options["token"] or simulator.PARNASSYS_TOKEN,
                    school=options["school"],
                    contactpersoon=options["contactpersoon"],
                    titel=options["titel"],
                    uit=self.stdout.write,
                ).spelen(scenario)
                return
            simulator.EsisSimulator(
                url=options["url"],
                token=options["token"] or simulator.DEMO_TOKEN,
                verificatiecode=options["verificatiecode"],
                contactpersoon=options["contactpersoon"],
                als_swv=options["als_swv"],
                titel=options["titel"],
                uit=self.stdout.write,
            ).spelen(scenario)
        except simulator.SimulatieFout as fout:
            raise CommandError(f"Onverwacht antwoord: {fout}") from fout
