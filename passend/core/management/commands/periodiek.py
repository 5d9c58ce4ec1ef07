"""Due periodic work, for cron or a systemd timer (docs/installatie.md): every few minutes."""

from typing import Any

from django.core.management.base import BaseCommand

from passend.core.periodiek import alles_uitvoeren


class Command(BaseCommand):
    help = (
        "Periodiek werk van alle onderdelen: onder meer wachtende e-mails opnieuw aanbieden en "
        "het dagrapport van mislukte e-mails."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for regel in alles_uitvoeren():
            self.stdout.write(regel)
