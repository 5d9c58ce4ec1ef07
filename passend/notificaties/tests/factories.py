from typing import Any

from passend.notificaties.models import Bericht
from passend.organisaties.models import Samenwerkingsverband


def wachtend_bericht(swv: Samenwerkingsverband, **velden: Any) -> Bericht:
    """A mail in the outbox as bericht_versturen writes it, waiting to be delivered."""
    standaard = {
        "sjabloon": "test",
        "aan": ["ib@school.example.nl"],
        "onderwerp": "Onderwerp",
        "tekst": "Tekst",
    }
    return Bericht.objects.create(swv=swv, **{**standaard, **velden})
