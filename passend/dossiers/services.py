"""Every write to a dossier. Who may write is decided by the caller from the visibility
selectors (hulpvragen/selectors.py); these functions keep the data itself consistent."""

from datetime import date
from typing import TypeVar

from django.db import transaction

from passend.accounts.models import Gebruiker
from passend.dossiers.models import Adres, Leerling, Schoolgegevens
from passend.organisaties.models import School

T = TypeVar("T", Leerling, Adres, Schoolgegevens)


@transaction.atomic
def leerling_aanmaken(
    *,
    door: Gebruiker,
    roepnaam: str,
    achternaam: str,
    geboortedatum: date,
    tussenvoegsel: str = "",
    geslacht: int = Leerling.Geslacht.ONBEKEND,
    ouder_emailadressen: str = "",
) -> Leerling:
    return _gecontroleerd_opslaan(
        Leerling(swv=door.swv, aangemaakt_door=door),
        {
            "roepnaam": roepnaam,
            "tussenvoegsel": tussenvoegsel,
            "achternaam": achternaam,
            "geboortedatum": geboortedatum,
            "geslacht": geslacht,
            "ouder_emailadressen": ouder_emailadressen,
        },
    )


def _gecontroleerd_opslaan(rij: T, velden: dict[str, object]) -> T:
    for veld, waarde in velden.items():
        setattr(rij, veld, waarde)
    rij.full_clean()
    rij.save()
    return rij


@transaction.atomic
def leerling_wijzigen(*, leerling: Leerling, **velden: object) -> Leerling:
    return _gecontroleerd_opslaan(leerling, velden)


@transaction.atomic
def adres_toevoegen(*, leerling: Leerling, **velden: object) -> Adres:
    return _gecontroleerd_opslaan(Adres(leerling=leerling), velden)


@transaction.atomic
def adres_wijzigen(*, adres: Adres, **velden: object) -> Adres:
    return _gecontroleerd_opslaan(adres, velden)


@transaction.atomic
def schoolgegevens_toevoegen(
    *,
    leerling: Leerling,
    school: School,
    aanvrager: Gebruiker,
    contactpersoon: str,
    email: str,
    telefoon: str = "",
    groep: str = "",
    sinds: date | None = None,
) -> Schoolgegevens:
    return _gecontroleerd_opslaan(
        Schoolgegevens(leerling=leerling, school=school, aanvrager=aanvrager),
        {
            "contactpersoon": contactpersoon,
            "email": email,
            "telefoon": telefoon,
            "groep": groep,
            "sinds": sinds,
        },
    )


@transaction.atomic
def schoolgegevens_bewerken(
    *,
    schoolgegevens: Schoolgegevens,
    aanvrager: Gebruiker,
    contactpersoon: str,
    email: str,
    telefoon: str,
) -> Schoolgegevens:
    """R46: the school corrects who receives the mails and the contact phone number."""
    return _gecontroleerd_opslaan(
        schoolgegevens,
        {
            "aanvrager": aanvrager,
            "contactpersoon": contactpersoon,
            "email": email,
            "telefoon": telefoon,
        },
    )
