"""Every write to a dossier, from any channel: the write right is checked here
(`dossiers/rechten.py`), the data is checked with `full_clean()`, and the access-log row of the
change is written in the same transaction."""

from datetime import date
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.core.models import volledig_controleren
from passend.dossiers.models import Adres, Leerling, Schoolgegevens
from passend.dossiers.rechten import (
    mag_dossier_aanmaken,
    mag_dossier_wijzigen,
    mag_schoolgegevens_bewerken,
    mag_schoolgegevens_toevoegen,
)
from passend.dossiers.selectors import aanvragers_voor_scholen, mogelijke_dubbele_leerlingen
from passend.organisaties.models import School

T = TypeVar("T", Leerling, Adres, Schoolgegevens)


class MogelijkDubbeleLeerling(ValidationError):
    """R13: a pupil with the same name and birth date is already known to this user."""

    def __init__(self, dubbele: list[Leerling]) -> None:
        super().__init__(
            _(
                "Er is al een leerling met deze naam en geboortedatum. Open dat dossier, of "
                "bevestig dat dit een andere leerling is."
            ),
            code="mogelijk_dubbel",
        )
        self.dubbele = dubbele


def _gecontroleerd_opslaan(rij: T, velden: dict[str, object]) -> T:
    for veld, waarde in velden.items():
        setattr(rij, veld, waarde)
    volledig_controleren(rij)
    rij.save()
    return rij


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
    toch_nieuw_dossier: bool = False,
) -> Leerling:
    """R13, R14: a new dossier in the user's SWV. A probable duplicate among the pupils the user
    may see is refused (MogelijkDubbeleLeerling names them) unless the user confirmed it is
    another pupil."""
    if not mag_dossier_aanmaken(door):
        raise PermissionDenied
    if not toch_nieuw_dossier:
        dubbele = list(
            mogelijke_dubbele_leerlingen(
                door, roepnaam=roepnaam, achternaam=achternaam, geboortedatum=geboortedatum
            )
        )
        if dubbele:
            raise MogelijkDubbeleLeerling(dubbele)
    leerling = _gecontroleerd_opslaan(
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
    gebeurtenissen.leerling_aangemaakt(leerling, door=door)
    return leerling


def _wijzigen_toegestaan(door: Gebruiker, leerling: Leerling) -> None:
    if not mag_dossier_wijzigen(door, leerling):
        raise PermissionDenied


@transaction.atomic
def leerling_wijzigen(*, leerling: Leerling, door: Gebruiker, **velden: object) -> Leerling:
    """R14: the basisgegevens."""
    _wijzigen_toegestaan(door, leerling)
    _gecontroleerd_opslaan(leerling, velden)
    gebeurtenissen.leerling_gewijzigd(leerling, door=door, tab="basisgegevens")
    return leerling


@transaction.atomic
def adres_toevoegen(*, leerling: Leerling, door: Gebruiker, **velden: object) -> Adres:
    _wijzigen_toegestaan(door, leerling)
    adres = _gecontroleerd_opslaan(Adres(leerling=leerling), velden)
    gebeurtenissen.leerling_gewijzigd(leerling, door=door, adres="toegevoegd")
    return adres


@transaction.atomic
def adres_wijzigen(*, adres: Adres, door: Gebruiker, **velden: object) -> Adres:
    _wijzigen_toegestaan(door, adres.leerling)
    _gecontroleerd_opslaan(adres, velden)
    gebeurtenissen.leerling_gewijzigd(adres.leerling, door=door, adres="gewijzigd")
    return adres


def _aanvrager_werkt_op_school(aanvrager: Gebruiker, school: School) -> None:
    """The aanvrager receives the status mails: an active staff member of this very school."""
    if not aanvragers_voor_scholen([school]).filter(pk=aanvrager.pk).exists():
        raise ValidationError({"aanvrager": _("Kies een aanvrager die bij deze school werkt.")})


@transaction.atomic
def schoolgegevens_toevoegen(
    *,
    leerling: Leerling,
    school: School,
    door: Gebruiker,
    aanvrager: Gebruiker,
    contactpersoon: str,
    email: str,
    telefoon: str = "",
    groep: str = "",
    sinds: date | None = None,
) -> Schoolgegevens:
    """R15: the pupil's school, with the school's contact for the pupil."""
    if not mag_schoolgegevens_toevoegen(door, leerling, school):
        raise PermissionDenied
    _aanvrager_werkt_op_school(aanvrager, school)
    schoolgegevens = _gecontroleerd_opslaan(
        Schoolgegevens(leerling=leerling, school=school, aanvrager=aanvrager),
        {
            "contactpersoon": contactpersoon,
            "email": email,
            "telefoon": telefoon,
            "groep": groep,
            "sinds": sinds,
        },
    )
    gebeurtenissen.leerling_gewijzigd(leerling, door=door, schoolgegevens="toegevoegd")
    return schoolgegevens


@transaction.atomic
def schoolgegevens_bewerken(
    *,
    schoolgegevens: Schoolgegevens,
    door: Gebruiker,
    aanvrager: Gebruiker,
    contactpersoon: str,
    email: str,
    telefoon: str,
    contactpersoon_van_aanvrager: bool = False,
    email_van_aanvrager: bool = False,
) -> Schoolgegevens:
    """R46: the school corrects who receives the mails and the contact phone number. R44:
    when the aanvrager changes, `contactpersoon_van_aanvrager` makes the new aanvrager the
    contactpersoon and `email_van_aanvrager` its e-mail the address the mails go to, so they
    no longer reach the one who left. The access log keeps the aanvrager before and after."""
    if not mag_schoolgegevens_bewerken(door, schoolgegevens):
        raise PermissionDenied
    _aanvrager_werkt_op_school(aanvrager, schoolgegevens.school)
    # As stored: a ModelForm may already have set the new aanvrager on the instance.
    vorige = (
        Schoolgegevens.objects.filter(pk=schoolgegevens.pk)
        .values_list("aanvrager_id", flat=True)
        .first()
    )
    if aanvrager.pk != vorige:
        if contactpersoon_van_aanvrager:
            contactpersoon = aanvrager.volledige_naam
        if email_van_aanvrager:
            email = aanvrager.email
    _gecontroleerd_opslaan(
        schoolgegevens,
        {
            "aanvrager": aanvrager,
            "contactpersoon": contactpersoon,
            "email": email,
            "telefoon": telefoon,
        },
    )
    gebeurtenissen.schoolgegevens_gewijzigd(
        schoolgegevens,
        door=door,
        aanvrager_van=vorige if aanvrager.pk != vorige else None,
        aanvrager_naar=aanvrager.pk if aanvrager.pk != vorige else None,
    )
    return schoolgegevens
