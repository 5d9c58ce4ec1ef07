"""Removes waiting files nobody answered in time and stored files that no row names.
Run it periodically (docs/installatie.md), for example every hour from cron."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from passend.bijlagen.services import verlopen_wachtende_bijlagen_verwijderen, wezen_verwijderen


class Command(BaseCommand):
    help = "Ruimt verlopen wachtende bijlagen en bestanden zonder bijlage op."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--ouder-dan-minuten",
            type=int,
            default=60,
            help="Alleen bestanden zonder bijlage die minstens zo oud zijn (standaard 60): een "
            "upload die nog bezig is, blijft staan.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verlopen = verlopen_wachtende_bijlagen_verwijderen()
        wezen = wezen_verwijderen(ouder_dan=timedelta(minutes=options["ouder_dan_minuten"]))
        self.stdout.write(
            f"{verlopen} verlopen wachtende bijlage(n) en {wezen} bestand(en) zonder bijlage "
            "verwijderd."
        )
