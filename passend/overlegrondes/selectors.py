"""Reads for the overlegronde pages, built on the visibility in `query.py`."""

from django.db.models import Prefetch, Q, QuerySet

from passend.accounts import rollen
from passend.accounts.models import Gebruiker, Rol
from passend.accounts.rechten import eigen_scholen_voorwaarde
from passend.bijlagen.models import Bijlage
from passend.hulpvragen.models import Hulpvraag
from passend.overlegrondes.models import Deelnemer, Overlegronde, Overlegrondeinstellingen, Reactie

MAX_MOGELIJKE_DEELNEMERS = 20


def _met_relaties(overlegrondes: QuerySet[Overlegronde]) -> QuerySet[Overlegronde]:
    return overlegrondes.select_related(
        "hulpvraag__leerling",
        "hulpvraag__titel",
        "hulpvraag__schoolgegevens__school",
        "aangemaakt_door",
    ).prefetch_related(
        Prefetch("deelnemers", queryset=Deelnemer.objects.select_related("gebruiker"))
    )


def hulpvraag_voor_overlegrondes(gebruiker: Gebruiker, referentie: str) -> Hulpvraag | None:
    """The hulpvraag of the tab and the new round, among those the user may see."""
    return (
        Hulpvraag.objects.zichtbaar_voor(gebruiker)
        .select_related("leerling", "titel", "schoolgegevens__school__bestuur")
        .filter(referentie=referentie)
        .first()
    )


def hulpvragen_voor_nieuwe_ronde(gebruiker: Gebruiker) -> QuerySet[Hulpvraag]:
    """R36: the hulpvragen of the user's own schools to start a round about, newest first."""
    return (
        Hulpvraag.objects.zichtbaar_voor(gebruiker)
        .filter(schoolgegevens__school__in=eigen_scholen_voorwaarde(gebruiker))
        .select_related("leerling", "titel")
        .order_by("-hulpvraagdatum", "-pk")
    )


def overlegrondes_voor_lijst(gebruiker: Gebruiker) -> QuerySet[Overlegronde]:
    """The rounds the user may see listed (content or, for the administrator, metadata)."""
    return _met_relaties(Overlegronde.objects.metadata_zichtbaar_voor(gebruiker))


def verlopen_deelnames(gebruiker: Gebruiker) -> QuerySet[Overlegronde]:
    """The participant's rounds whose inzage ended: listed with the expiry message only."""
    zichtbaar = Overlegronde.objects.zichtbaar_voor(gebruiker).values("pk")
    return (
        Overlegronde.objects.als_deelnemer(gebruiker)
        .exclude(pk__in=zichtbaar)
        .select_related("hulpvraag__schoolgegevens__school")
    )


def overlegrondes_van_hulpvraag(
    gebruiker: Gebruiker, hulpvraag: Hulpvraag
) -> QuerySet[Overlegronde]:
    return _met_relaties(Overlegronde.objects.zichtbaar_voor(gebruiker).filter(hulpvraag=hulpvraag))


def overlegronde_voor(gebruiker: Gebruiker, pk: int) -> Overlegronde:
    """The round with its content, if the user may see it today; DoesNotExist otherwise."""
    return _met_relaties(Overlegronde.objects.zichtbaar_voor(gebruiker)).get(pk=pk)


def verlopen_deelname(gebruiker: Gebruiker, pk: int) -> Overlegronde | None:
    """The round if the user took part in it and its inzage ended (for the plain message)."""
    return verlopen_deelnames(gebruiker).filter(pk=pk).first()


def reacties_van(overlegronde: Overlegronde) -> QuerySet[Reactie]:
    return overlegronde.reacties.select_related("door", "bijlage").order_by("geplaatst_op", "pk")


def gedeelde_bijlagen_van(overlegronde: Overlegronde) -> QuerySet[Bijlage]:
    return overlegronde.gedeelde_bijlagen.order_by("bestandsnaam", "pk")


def bijlagen_om_te_delen(hulpvraag: Hulpvraag) -> QuerySet[Bijlage]:
    return Bijlage.objects.filter(hulpvraag=hulpvraag).order_by("bestandsnaam", "pk")


def mogelijke_deelnemers(
    door: Gebruiker, hulpvraag: Hulpvraag, zoeken: str = ""
) -> QuerySet[Gebruiker]:
    """R37 "Mogelijke deelnemers": active accounts of the SWV's staff and of the school's
    staff, and external participants of earlier rounds of this school; never the user."""
    school_id = hulpvraag.schoolgegevens.school_id
    eerdere_extern = Deelnemer.objects.filter(
        overlegronde__hulpvraag__schoolgegevens__school=school_id,
        gebruiker__rollen__code=rollen.EXTERNE_DEELNEMER,
    ).values("gebruiker")
    accounts = (
        Gebruiker.objects.filter(swv=hulpvraag.swv_id, is_active=True)
        .filter(
            Q(rollen__kant=Rol.Kant.SWV)
            | Q(scholen=school_id, rollen__kant=Rol.Kant.SCHOOL)
            | Q(pk__in=eerdere_extern)
        )
        .exclude(pk=door.pk)
        .distinct()
    )
    for woord in zoeken.split():
        accounts = accounts.filter(
            Q(voornaam__icontains=woord)
            | Q(achternaam__icontains=woord)
            | Q(email__icontains=woord)
        )
    return accounts.order_by("achternaam", "voornaam", "pk")


def overlegrondeinstellingen(swv_id: int) -> Overlegrondeinstellingen:
    return Overlegrondeinstellingen.objects.filter(swv=swv_id).first() or Overlegrondeinstellingen(
        swv_id=swv_id
    )


def kiesbare_deelnemers(door: Gebruiker, hulpvraag: Hulpvraag) -> QuerySet[Gebruiker]:
    """Who may be chosen: the Mogelijke deelnemers, and any external account of the SWV whose
    e-mail address the school typed under "Nieuwe gebruiker" (it is not listed to every school,
    but a school that knows the address may invite that account; one the housekeeping switched
    off is switched on again by the invitation)."""
    extern = (
        Gebruiker.objects.filter(swv=hulpvraag.swv_id, rollen__code=rollen.EXTERNE_DEELNEMER)
        .exclude(rollen__kant__in=[Rol.Kant.SCHOOL, Rol.Kant.SWV])
        .values("pk")
    )
    return (
        Gebruiker.objects.filter(
            Q(pk__in=mogelijke_deelnemers(door, hulpvraag).values("pk")) | Q(pk__in=extern)
        )
        .exclude(pk=door.pk)
        .order_by("achternaam", "voornaam", "pk")
    )
