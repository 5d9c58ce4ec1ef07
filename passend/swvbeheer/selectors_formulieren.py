"""Reads of SWV-beheer's form-definition and outbox screens (issue 16 item 1): the rows of the
administrator's own SWV only, and nothing for anyone who may not manage it."""

import re

from django.db.models import Max, Q, QuerySet

from passend.accounts.models import Gebruiker
from passend.formulieren.models import Formulierdefinitie
from passend.hulpvragen.models import Hulpvraag
from passend.notificaties.models import Bericht
from passend.swvbeheer.rechten import mag_accounts_beheren

HULPVRAAGREFERENTIE = re.compile(r"\bHV-\d{4}-\d{6}\b")
OVERLEGRONDEREFERENTIE = re.compile(r"\bOR-(\d{6})\b")


def formulierdefinities_van_swv(door: Gebruiker) -> QuerySet[Formulierdefinitie]:
    """The own SWV's definitions by name, each with its current version's number (`versie`)."""
    if not mag_accounts_beheren(door):
        return Formulierdefinitie.objects.none()
    return (
        Formulierdefinitie.objects.filter(swv=door.swv_id)
        .annotate(versie=Max("versies__nummer"))
        .order_by("naam", "pk")
    )


def formulierdefinitie_van_swv(door: Gebruiker, pk: int) -> Formulierdefinitie | None:
    return formulierdefinities_van_swv(door).filter(pk=pk).first()


def berichten_van_swv(door: Gebruiker, *, status: str = "") -> QuerySet[Bericht]:
    """The own SWV's outbox, newest first, optionally in one state."""
    if not mag_accounts_beheren(door):
        return Bericht.objects.none()
    berichten = Bericht.objects.filter(swv=door.swv_id)
    if status:
        berichten = berichten.filter(status=status)
    return berichten.order_by("-aangemaakt_op", "-pk")


def bericht_van_swv(door: Gebruiker, pk: int) -> Bericht | None:
    return berichten_van_swv(door).filter(pk=pk).first()


def hulpvragen_in_bericht(door: Gebruiker, bericht: Bericht) -> list[Hulpvraag]:
    """The hulpvragen a mail names by reference (a status mail names its hulpvraag, an
    invitation its overlegronde): what reading its text touches. A confidential mail is not
    shown, so it names none."""
    if bericht.vertrouwelijk:
        return []
    tekst = f"{bericht.onderwerp}\n{bericht.tekst}"
    referenties = set(HULPVRAAGREFERENTIE.findall(tekst))
    rondes = {int(nummer) for nummer in OVERLEGRONDEREFERENTIE.findall(tekst)}
    if not referenties and not rondes:
        return []
    return list(
        Hulpvraag.objects.zichtbaar_voor(door)
        .filter(swv=door.swv_id)
        .filter(Q(referentie__in=referenties) | Q(overlegrondes__pk__in=rondes))
        .distinct()
        .order_by("pk")
    )
