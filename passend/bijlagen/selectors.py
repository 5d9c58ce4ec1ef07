"""Reads of attachments, always through the visibility of their hulpvraag (hulpvragen/query.py,
ARCHITECTURE.md rule 2): another school's file is a 404."""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from passend.accounts.models import Gebruiker, Rol
from passend.accounts.rechten import rolfeiten
from passend.bijlagen.models import (
    Bijlage,
    Bijlageinstellingen,
    Bijlageverwijdering,
    Documenttype,
    WachtendeBijlage,
)
from passend.hulpvragen.models import Hulpvraag
from passend.organisaties.models import Samenwerkingsverband


def hulpvraag_voor_bijlagen(gebruiker: Gebruiker, referentie: str) -> Hulpvraag:
    """Raises Hulpvraag.DoesNotExist for a hulpvraag the user may not see."""
    return (
        Hulpvraag.objects.zichtbaar_voor(gebruiker)
        .select_related("swv", "status", "leerling", "titel", "schoolgegevens")
        .get(referentie=referentie)
    )


def bijlagen_voor_lijst(hulpvraag: Hulpvraag, bestandsnaam: str = "") -> QuerySet[Bijlage]:
    """R52: the attachments of a hulpvraag read through `hulpvraag_voor_bijlagen`, newest
    first, searched on (part of) the Bestandsnaam."""
    bijlagen = hulpvraag.bijlagen.select_related("toegevoegd_door", "documenttype").order_by(
        "-toegevoegd_op", "-pk"
    )
    if bestandsnaam.strip():
        bijlagen = bijlagen.filter(bestandsnaam__icontains=bestandsnaam.strip())
    return bijlagen


def verwijderde_bijlagen_voor(
    gebruiker: Gebruiker, hulpvraag: Hulpvraag
) -> QuerySet[Bijlageverwijdering]:
    """Attachments removed after the SWV could see or had opened them, newest first, for school
    and SWV staff: the line stays with who removed it (`door_swv`), when and why (issue 19
    item 10). Parents and external participants never see it."""
    if not rolfeiten(gebruiker).werkt_voor_school_of_swv:
        return Bijlageverwijdering.objects.none()
    return (
        Bijlageverwijdering.objects.zichtbaar_voor(gebruiker)
        .filter(hulpvraag=hulpvraag, zichtbaar_voor_swv=True)
        .annotate(
            door_swv=Exists(
                Rol.objects.filter(gebruikers=OuterRef("verwijderd_door"), kant=Rol.Kant.SWV)
            )
        )
        .order_by("-verwijderd_op", "-pk")
    )


def bijlage_voor(gebruiker: Gebruiker, referentie: str, pk: int) -> Bijlage:
    """One attachment of a hulpvraag the user may see; raises Bijlage.DoesNotExist otherwise."""
    return (
        Bijlage.objects.zichtbaar_voor(gebruiker)
        .select_related("hulpvraag__swv", "hulpvraag__status", "hulpvraag__schoolgegevens")
        .get(pk=pk, hulpvraag__referentie=referentie)
    )


def wachtende_bijlagen_voor(
    gebruiker: Gebruiker, hulpvraag: Hulpvraag
) -> QuerySet[WachtendeBijlage]:
    """The user's own files of this hulpvraag that wait for an answer; nobody else's."""
    return WachtendeBijlage.objects.filter(
        gebruiker=gebruiker, hulpvraag=hulpvraag, verloopt_op__gt=timezone.now()
    ).order_by("aangeboden_op", "pk")


def bijlageinstellingen(swv: Samenwerkingsverband | int) -> Bijlageinstellingen:
    """The SWV's settings, or the defaults when it never changed them."""
    swv_id = swv if isinstance(swv, int) else swv.pk
    return Bijlageinstellingen.objects.filter(swv=swv_id).first() or Bijlageinstellingen(
        swv_id=swv_id
    )


def documenttypes(swv: Samenwerkingsverband | int) -> QuerySet[Documenttype]:
    """The kinds of document an uploader chooses from, in the SWV's order."""
    return Documenttype.objects.filter(swv=swv, actief=True).order_by("volgorde", "naam")
