"""Reads of attachments, always starting from the hulpvragen the user may see
(hulpvragen/selectors.py decides that, ARCHITECTURE.md rule 2): another school's file is a 404."""

from django.db.models import QuerySet
from django.utils import timezone

from passend.accounts.models import Gebruiker
from passend.bijlagen.models import Bijlage, WachtendeBijlage
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.selectors import (
    hulpvragen_zichtbaar_voor,
    is_applicatiebeheerder,
    mag_dossiers_invoeren,
    werkt_voor_school,
    werkt_voor_swv,
)


def hulpvraag_voor_bijlagen(gebruiker: Gebruiker, referentie: str) -> Hulpvraag:
    """Raises Hulpvraag.DoesNotExist for a hulpvraag the user may not see."""
    return (
        hulpvragen_zichtbaar_voor(gebruiker)
        .select_related("swv", "status", "leerling", "titel", "schoolgegevens")
        .get(referentie=referentie)
    )


def bijlagen_voor_lijst(hulpvraag: Hulpvraag, bestandsnaam: str = "") -> QuerySet[Bijlage]:
    """R52: the attachments, newest first, searched on (part of) the Bestandsnaam."""
    bijlagen = hulpvraag.bijlagen.select_related("toegevoegd_door").order_by(
        "-toegevoegd_op", "-pk"
    )
    if bestandsnaam.strip():
        bijlagen = bijlagen.filter(bestandsnaam__icontains=bestandsnaam.strip())
    return bijlagen


def bijlage_voor(gebruiker: Gebruiker, referentie: str, pk: int) -> Bijlage:
    """One attachment of a hulpvraag the user may see; raises Bijlage.DoesNotExist otherwise."""
    return Bijlage.objects.select_related("hulpvraag__status", "hulpvraag__schoolgegevens").get(
        pk=pk,
        hulpvraag__referentie=referentie,
        hulpvraag__in=hulpvragen_zichtbaar_voor(gebruiker),
    )


def wachtende_bijlagen_voor(
    gebruiker: Gebruiker, hulpvraag: Hulpvraag
) -> QuerySet[WachtendeBijlage]:
    """The user's own files of this hulpvraag that wait for an answer; nobody else's."""
    return WachtendeBijlage.objects.filter(
        gebruiker=gebruiker, hulpvraag=hulpvraag, verloopt_op__gt=timezone.now()
    ).order_by("aangeboden_op", "pk")


def mag_bijlagen_toevoegen(gebruiker: Gebruiker) -> bool:
    """School and SWV staff add attachments at any status (R2, R17); parents and external
    participants only read. The caller already checked the hulpvraag is visible."""
    return mag_dossiers_invoeren(gebruiker) or is_applicatiebeheerder(gebruiker)


def mag_bijlage_verwijderen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    """The school, its own attachments while the SWV cannot see the hulpvraag yet; afterwards
    only SWV staff and application administrators."""
    if werkt_voor_swv(gebruiker) or is_applicatiebeheerder(gebruiker):
        return True
    return (
        werkt_voor_school(gebruiker)
        and not hulpvraag.status.zichtbaar_voor_swv
        and gebruiker.scholen.filter(pk=hulpvraag.schoolgegevens.school_id).exists()
    )


def reden_verplicht_bij_verwijderen(hulpvraag: Hulpvraag) -> bool:
    """Once the SWV can see the hulpvraag, a removal needs a reason."""
    return bool(hulpvraag.status.zichtbaar_voor_swv)
