"""Reads of parents' inzage and sharing.

SWV staff read through the visibility selectors of hulpvragen and dossiers. A parent's reads
start from the parent's active Ouderinzage rows (never from `Hulpvraag.objects.zichtbaar_voor`,
which gives parents nothing): the hulpvragen of those pupils in a status the SWV sees, their
status history, and the attachments the SWV shared. A withdrawn inzage ends all of it on the
next request.
"""

from django.db.models import Exists, OuterRef, QuerySet

from passend.accounts.models import Gebruiker
from passend.audit.models import Inzage
from passend.audit.selectors import inzagen_over_leerling
from passend.bijlagen.models import Bijlage
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.inzagerecht.models import GedeeldeBijlage, Ouderinzage
from passend.inzagerecht.rechten import is_ouder, mag_bijlagen_delen, mag_inzagerecht_beheren

TIJDLIJN_MAX = 500


# --- SWV staff ------------------------------------------------------------------------------


def leerling_voor_beheer(gebruiker: Gebruiker, pk: int) -> Leerling:
    """A pupil whose export and parents' inzage the user manages; Leerling.DoesNotExist
    otherwise."""
    if not mag_inzagerecht_beheren(gebruiker):
        raise Leerling.DoesNotExist
    return Leerling.objects.zichtbaar_voor(gebruiker).get(pk=pk)


def ouderinzagen_van(leerling: Leerling) -> QuerySet[Ouderinzage]:
    """Every invitation of the pupil's parents, active first, then withdrawn."""
    return (
        Ouderinzage.objects.filter(leerling=leerling)
        .select_related("gebruiker", "uitgenodigd_door", "ingetrokken_door")
        .order_by("ingetrokken_op", "-uitgenodigd_op", "-pk")
    )


def actieve_ouderinzagen(leerling_id: int) -> QuerySet[Ouderinzage]:
    return Ouderinzage.objects.filter(leerling_id=leerling_id, ingetrokken_op__isnull=True)


def hulpvraag_voor_delen(gebruiker: Gebruiker, referentie: str) -> Hulpvraag:
    hulpvraag = (
        Hulpvraag.objects.zichtbaar_voor(gebruiker)
        .select_related("leerling", "status", "titel", "schoolgegevens")
        .get(referentie=referentie)
    )
    if not mag_bijlagen_delen(gebruiker, hulpvraag):
        raise Hulpvraag.DoesNotExist
    return hulpvraag


def bijlagen_met_deling(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> QuerySet[Bijlage]:
    """The hulpvraag's attachments the user sees, each with `gedeeld` (shared with parents)."""
    return (
        Bijlage.objects.zichtbaar_voor(gebruiker)
        .filter(hulpvraag=hulpvraag)
        .annotate(gedeeld=Exists(GedeeldeBijlage.objects.filter(bijlage=OuterRef("pk"))))
        .select_related("documenttype")
        .order_by("-toegevoegd_op", "-pk")
    )


# --- Parents --------------------------------------------------------------------------------


def inzagen_van_ouder(gebruiker: Gebruiker) -> QuerySet[Ouderinzage]:
    """The parent's active inzage rows, within the parent's own SWV."""
    if not is_ouder(gebruiker):
        return Ouderinzage.objects.none()
    return (
        Ouderinzage.objects.filter(
            gebruiker=gebruiker, ingetrokken_op__isnull=True, leerling__swv=gebruiker.swv_id
        )
        .select_related("leerling")
        .order_by("leerling__roepnaam", "pk")
    )


def kinderen_van_ouder(gebruiker: Gebruiker) -> QuerySet[Leerling]:
    return Leerling.objects.filter(
        pk__in=inzagen_van_ouder(gebruiker).values("leerling"), swv=gebruiker.swv_id
    )


def kind_van_ouder(gebruiker: Gebruiker, pk: int) -> Leerling:
    return kinderen_van_ouder(gebruiker).get(pk=pk)


def hulpvragen_voor_ouder(gebruiker: Gebruiker) -> QuerySet[Hulpvraag]:
    """The children's hulpvragen in a status the SWV sees (the file at the SWV; a request the
    school has not yet sent stays the school's)."""
    return (
        Hulpvraag.objects.filter(
            swv=gebruiker.swv_id,
            leerling__in=kinderen_van_ouder(gebruiker).values("pk"),
            status__zichtbaar_voor_swv=True,
        )
        .select_related("titel", "status", "leerling")
        .order_by("-hulpvraagdatum", "-pk")
    )


def hulpvraag_voor_ouder(gebruiker: Gebruiker, referentie: str) -> Hulpvraag:
    return hulpvragen_voor_ouder(gebruiker).get(referentie=referentie)


def statushistorie_voor_ouder(hulpvraag: Hulpvraag) -> QuerySet[Statuswijziging]:
    """Dates and status labels only: no reason, no name of who changed it."""
    return (
        Statuswijziging.objects.filter(hulpvraag=hulpvraag)
        .select_related("van", "naar")
        .order_by("op", "pk")
    )


def gedeelde_bijlagen_voor_ouder(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> QuerySet[Bijlage]:
    return (
        Bijlage.objects.filter(
            hulpvraag__in=hulpvragen_voor_ouder(gebruiker).values("pk"),
            gedeeld_met_ouders__isnull=False,
        )
        .filter(hulpvraag=hulpvraag)
        .order_by("-toegevoegd_op", "-pk")
    )


def gedeelde_bijlage_voor_ouder(gebruiker: Gebruiker, referentie: str, pk: int) -> Bijlage:
    return (
        Bijlage.objects.filter(
            hulpvraag__in=hulpvragen_voor_ouder(gebruiker).values("pk"),
            gedeeld_met_ouders__isnull=False,
        )
        .select_related("hulpvraag")
        .get(pk=pk, hulpvraag__referentie=referentie)
    )


def tijdlijn(leerling: Leerling) -> list[Inzage]:
    """ "Wie heeft dit gezien": the pupil's access log, newest first, with each actor's name
    (`naam`) where the account still exists."""
    rijen = list(
        inzagen_over_leerling(leerling_id=leerling.pk, swv_code=leerling.swv.code)[:TIJDLIJN_MAX]
    )
    namen = {
        pk: Gebruiker.naam_uit(voornaam, tussenvoegsel, achternaam)
        for pk, voornaam, tussenvoegsel, achternaam in Gebruiker.objects.filter(
            swv=leerling.swv_id, pk__in={rij.gebruiker_id for rij in rijen}
        ).values_list("pk", "voornaam", "tussenvoegsel", "achternaam")
    }
    for rij in rijen:
        naam = namen.get(rij.gebruiker_id or 0, rij.gebruikersnaam)
        rij.naam = naam  # type: ignore[attr-defined]
    return rijen
