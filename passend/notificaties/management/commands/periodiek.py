"""Due periodic work, for cron or a systemd timer (docs/installatie.md): every few minutes."""

from typing import Any

from django.core.management.base import BaseCommand

from passend.notificaties.services import dagrapport_versturen, wachtende_berichten_aanbieden


class Command(BaseCommand):
    help = "Periodiek werk: wachtende e-mails opnieuw aanbieden, dagrapport van mislukte e-mails."

    def handle(self, *args: Any, **options: Any) -> None:
        aangeboden = wachtende_berichten_aanbieden()
        rapporten = dagrapport_versturen()
        self.stdout.write(
            f"{aangeboden} wachtende e-mail(s) aangeboden; {rapporten} dagrapport(en) verstuurd."
        )
