"""Every write of the koppelingen: API clients and verification codes (SWV-beheer), and the
one intake path a school system's request takes (R1, R2, R7, R10, R11). A request is filed
through the very services the web screens use (dossiers, hulpvragen, bijlagen): the same
rights, checks, beginstatus, conditions, access log and mails."""

import hashlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.models import Gebruiker
from passend.bijlagen.controles import BestandGeweigerd
from passend.bijlagen.models import Documenttype
from passend.bijlagen.opslag import bestand_verwijderen
from passend.bijlagen.services import (
    BijlageGeweigerd,
    bestand_aanbieden,
    bewaard_bestand_toevoegen,
    gecontroleerd_bewaren,
)
from passend.core.kanalen import Kanaal
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.dossiers.selectors import aanvragers_voor_scholen, mogelijke_dubbele_leerlingen
from passend.dossiers.services import adres_toevoegen, leerling_aanmaken, schoolgegevens_toevoegen
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.rechten import statuskeuzes
from passend.hulpvragen.services import hulpvraag_aanmaken, hulpvraag_status_wijzigen
from passend.koppelingen.models import (
    Aanvraag,
    Aanvraagtype,
    ApiClient,
    Conceptbijlage,
    Idempotentiesleutel,
    Osogegevens,
    Osoinstellingen,
    Verificatiecode,
)
from passend.koppelingen.oso import BijlageBestand, OsoAanvraag, OsoBijlage
from passend.koppelingen.selectors import scholen_van_client
from passend.koppelingen.sleutels import geheim_sha256, nieuw_token, verificatiecode_hmac
from passend.organisaties.models import Samenwerkingsverband, School
from passend.processen.models import Hulpvraagtitel
from passend.processen.selectors import titels_voor_school

CODE_MIN, CODE_MAX, CODE_ADVIES = 20, 50, 25


class KoppelingFout(Exception):
    """A refusal with a stable machine code and a Dutch message (the API's error body)."""

    def __init__(
        self, code: str, melding: str, *, veld: str = "", status: int = 400, **extra: Any
    ) -> None:
        super().__init__(melding)
        self.code, self.melding, self.veld, self.status, self.extra = (
            code,
            melding,
            veld,
            status,
            extra,
        )


# --- SWV-beheer: clients and codes ------------------------------------------------------------


@transaction.atomic
def client_registreren(
    *, swv: Samenwerkingsverband, naam: str, soort: str, door: Gebruiker | None, **velden: Any
) -> tuple[ApiClient, str]:
    """A new client and its token, which is shown this once and never again."""
    sleutel_id, geheim, token = nieuw_token()
    client = ApiClient(
        swv=swv,
        naam=naam,
        soort=soort,
        sleutel_id=sleutel_id,
        geheim_sha256=geheim_sha256(geheim),
        aangemaakt_door=door,
        **velden,
    )
    client.full_clean()
    client.save()
    return client, token


def client_intrekken(*, client: ApiClient) -> None:
    """Every call with its token is refused from now on."""
    ApiClient.objects.filter(pk=client.pk, ingetrokken_op=None).update(
        ingetrokken_op=timezone.now()
    )


def verificatiecode_controleren(school: School, code: str) -> None:
    """R10: starts with the school's BRIN+vestiging, 20 to 50 characters."""
    if not code.upper().startswith(school.code.upper()):
        raise ValidationError(
            {
                "code": _("De verificatiecode begint met de BRIN en vestiging van de school (%s).")
                % school.code
            }
        )
    if not CODE_MIN <= len(code) <= CODE_MAX:
        raise ValidationError(
            {
                "code": _(
                    "De verificatiecode is %(min)s tot %(max)s tekens lang (wij raden minstens "
                    "%(advies)s aan); deze heeft er %(aantal)s."
                )
                % {"min": CODE_MIN, "max": CODE_MAX, "advies": CODE_ADVIES, "aantal": len(code)}
            }
        )


@transaction.atomic
def verificatiecode_registreren(
    *, school: School, code: str, door: Gebruiker | None, omgeving: str = ""
) -> Verificatiecode:
    """R10: the SWV registers the code the school made up. The same code again, after it was
    removed, resumes the link."""
    verificatiecode_controleren(school, code)
    sleutel = verificatiecode_hmac(code)
    bestaande = Verificatiecode.objects.select_for_update().filter(code_hmac=sleutel).first()
    if bestaande is not None and bestaande.school_id == school.pk:
        bestaande.verwijderd_op = None
        bestaande.omgeving = omgeving
        bestaande.save(update_fields=["verwijderd_op", "omgeving"])
        return bestaande
    if bestaande is not None:
        raise ValidationError(
            {"code": _("Deze verificatiecode is al in gebruik; kies een andere.")}
        )
    rij = Verificatiecode(school=school, omgeving=omgeving, code_hmac=sleutel, aangemaakt_door=door)
    rij.full_clean()
    rij.save()
    return rij


def verificatiecode_verwijderen(*, verificatiecode: Verificatiecode) -> None:
    """R10: pauses the link; registering the same code again resumes it."""
    Verificatiecode.objects.filter(pk=verificatiecode.pk, verwijderd_op=None).update(
        verwijderd_op=timezone.now()
    )


# --- The intake --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AangebodenBestand:
    bestandsnaam: str
    pad: Path
    soort: str = ""  # the code of a Documenttype of the SWV, e.g. "opp"


def contactpersoon_voor(school: School, email: str) -> Gebruiker:
    """The school account that acts: an active staff member of this school with this e-mail.
    The status mails go to them, so a stranger's address is refused rather than guessed."""
    gebruiker = (
        aanvragers_voor_scholen([school])
        .filter(email__iexact=email.strip())
        .select_related("swv")  # every access-log row names it
        .first()
    )
    if gebruiker is None:
        raise KoppelingFout(
            "contactpersoon_onbekend",
            _(
                "Er is op deze school geen actief account met dit e-mailadres. Kies een "
                "contactpersoon die een account in Passend heeft, of vraag het "
                "samenwerkingsverband er een aan te maken."
            ),
            veld="contactpersoon.email",
        )
    return gebruiker


def titel_kiezen(school: School, naam: str) -> Hulpvraagtitel:
    """R11: the korte omschrijving is one of the SWV's active titles for the school's region."""
    titels = titels_voor_school(school)
    gekozen = next((t for t in titels if t.naam.strip().lower() == naam.strip().lower()), None)
    if gekozen is None:
        raise KoppelingFout(
            "titel_onbekend",
            _("Kies de korte omschrijving uit de lijst van het samenwerkingsverband."),
            veld="korte_omschrijving",
            toegestaan=[t.naam for t in titels],
        )
    return gekozen


def _documenttype(school: School, code: str) -> Documenttype | None:
    if not code:
        return None
    documenttype = Documenttype.objects.filter(swv=school.swv_id, code=code, actief=True).first()
    if documenttype is None:
        raise KoppelingFout(
            "soort_onbekend",
            _("Kies de soort document uit de lijst van het samenwerkingsverband."),
            veld="bijlagen.soort",
            toegestaan=list(
                Documenttype.objects.filter(swv=school.swv_id, actief=True).values_list(
                    "code", flat=True
                )
            ),
        )
    return documenttype


def _opp_controleren(gegevens: dict[str, Any], soorten: list[str]) -> None:
    """R11 "OPP toevoegen: Ja" promises the OPP among the files."""
    if gegevens.get("opp_toevoegen") and "opp" not in soorten:
        raise KoppelingFout(
            "opp_ontbreekt",
            _("‘OPP toevoegen’ staat op Ja, maar geen bijlage is als OPP (soort ‘opp’) gemerkt."),
            veld="bijlagen",
        )


def _leerling_controleren(gegevens: dict[str, Any], school: School) -> None:
    """The pupil's data checked as the dossier would check it, also for a draft."""
    leerling = gegevens["leerling"]
    rij = Leerling(
        swv_id=school.swv_id,
        roepnaam=leerling["roepnaam"],
        tussenvoegsel=leerling.get("tussenvoegsel", ""),
        achternaam=leerling["achternaam"],
        geboortedatum=date.fromisoformat(leerling["geboortedatum"]),
        geslacht=leerling.get("geslacht", Leerling.Geslacht.ONBEKEND),
        ouder_emailadressen="\n".join(leerling.get("ouder_emailadressen", [])),
    )
    rij.full_clean(exclude=["swv", "aangemaakt_door"])


def _conceptbijlagen_bewaren(
    aanvraag: Aanvraag, school: School, bestanden: list[AangebodenBestand]
) -> None:
    for bestand in bestanden:
        documenttype = _documenttype(school, bestand.soort)

        def rij(
            opslagnaam: str,
            inhoud: dict[str, object],
            bestand: AangebodenBestand = bestand,
            documenttype: Documenttype | None = documenttype,
        ) -> Conceptbijlage:
            if Conceptbijlage.objects.filter(aanvraag=aanvraag, sha256=inhoud["sha256"]).exists():
                raise BijlageGeweigerd(
                    _("%s is al bij deze aanvraag gevoegd.") % bestand.bestandsnaam
                )
            return Conceptbijlage.objects.create(
                aanvraag=aanvraag,
                bestandsnaam=bestand.bestandsnaam,
                opslagnaam=opslagnaam,
                documenttype=documenttype,
                **inhoud,
            )

        with _bestand_fout(bestand):
            gecontroleerd_bewaren(
                swv_id=school.swv_id,
                pad=bestand.pad,
                bestandsnaam=bestand.bestandsnaam,
                maak_rij=rij,
            )


@contextmanager
def _bestand_fout(bestand: AangebodenBestand) -> Iterator[None]:
    """Turns a refused file into the API's refusal, naming the file."""
    try:
        yield
    except BestandGeweigerd as fout:
        raise KoppelingFout(
            "bijlage_geweigerd", fout.melding, veld="bijlagen", bestandsnaam=bestand.bestandsnaam
        ) from fout


def _leerling_vinden_of_aanmaken(
    gegevens: dict[str, Any], school: School, door: Gebruiker
) -> Leerling:
    """The pupil matched to a dossier of the school by the web's duplicate rule (same name and
    birth date among the pupils the contact may see), or a new dossier."""
    leerling = gegevens["leerling"]
    geboortedatum = date.fromisoformat(leerling["geboortedatum"])
    kandidaten = list(
        mogelijke_dubbele_leerlingen(
            door,
            roepnaam=leerling["roepnaam"],
            achternaam=leerling["achternaam"],
            geboortedatum=geboortedatum,
        ).order_by("pk")
    )
    if kandidaten:
        op_school = Schoolgegevens.objects.filter(
            leerling__in=kandidaten, school=school
        ).values_list("leerling_id", flat=True)
        gekozen = set(op_school)
        return next((k for k in kandidaten if k.pk in gekozen), kandidaten[0])
    nieuw = leerling_aanmaken(
        door=door,
        roepnaam=leerling["roepnaam"],
        tussenvoegsel=leerling.get("tussenvoegsel", ""),
        achternaam=leerling["achternaam"],
        geboortedatum=geboortedatum,
        geslacht=leerling.get("geslacht", Leerling.Geslacht.ONBEKEND),
        ouder_emailadressen="\n".join(leerling.get("ouder_emailadressen", [])),
        toch_nieuw_dossier=True,
    )
    for adres in leerling.get("adressen", []):
        adres_toevoegen(leerling=nieuw, door=door, **adres)
    return nieuw


def _schoolgegevens(
    leerling: Leerling, school: School, gegevens: dict[str, Any], door: Gebruiker
) -> Schoolgegevens:
    bestaande = (
        Schoolgegevens.objects.filter(leerling=leerling, school=school).order_by("-pk").first()
    )
    if bestaande is not None:
        # The same rows, already read: the rights checks read them.
        bestaande.school, bestaande.leerling = school, leerling
        return bestaande
    contact = gegevens["contactpersoon"]
    return schoolgegevens_toevoegen(
        leerling=leerling,
        school=school,
        door=door,
        aanvrager=door,
        contactpersoon=contact["naam"],
        email=contact["email"],
        telefoon=contact.get("telefoon", ""),
        groep=gegevens.get("groep", ""),
    )


def _bijlagen_toevoegen(
    aanvraag: Aanvraag, hulpvraag: Hulpvraag, bestanden: list[AangebodenBestand], door: Gebruiker
) -> None:
    bron = Kanaal(aanvraag.client.soort)
    for concept in aanvraag.conceptbijlagen.select_related("documenttype"):
        bewaard_bestand_toevoegen(
            hulpvraag=hulpvraag,
            bestandsnaam=concept.bestandsnaam,
            opslagnaam=concept.opslagnaam,
            inhoud={
                veld: getattr(concept, veld)
                for veld in ("soort", "mime", "inline_tonen", "grootte", "sha256")
            },
            door=door,
            bron=bron,
            documenttype=concept.documenttype,
        )
        concept.delete()
    for bestand in bestanden:
        with _bestand_fout(bestand):
            bestand_aanbieden(
                hulpvraag=hulpvraag,
                pad=bestand.pad,
                bestandsnaam=bestand.bestandsnaam,
                door=door,
                bron=bron,
                documenttype=_documenttype(aanvraag.school, bestand.soort),
                waarschuwen=False,
            )


def _verzenden(
    aanvraag: Aanvraag,
    bestanden: list[AangebodenBestand],
    door: Gebruiker,
    titel: Hulpvraagtitel | None = None,
) -> None:
    """The draft becomes a hulpvraag in its title's beginstatus (R7), with its files. `titel`:
    the title the caller already chose in this transaction (the list costs three queries)."""
    gegevens = aanvraag.gegevens
    school = aanvraag.school
    titel = titel or titel_kiezen(school, gegevens["korte_omschrijving"])
    leerling = _leerling_vinden_of_aanmaken(gegevens, school, door)
    schoolgegevens = _schoolgegevens(leerling, school, gegevens, door)
    datum = gegevens.get("hulpvraagdatum")
    hulpvraag = hulpvraag_aanmaken(
        leerling=leerling,
        schoolgegevens=schoolgegevens,
        titel=titel,
        door=door,
        hulpvraagdatum=date.fromisoformat(datum) if datum else None,
        omschrijving=gegevens.get("zorgvraag", ""),
        bron=Kanaal(aanvraag.client.soort),
        naam_toch_opslaan=gegevens.get("naam_toch_opslaan", False),
    )
    _bijlagen_toevoegen(aanvraag, hulpvraag, bestanden, door)
    aanvraag.hulpvraag = hulpvraag
    aanvraag.verzonden_op = timezone.now()
    aanvraag.gegevens = {}


def _opnieuw_verzenden(aanvraag: Aanvraag, door: Gebruiker) -> None:
    """R11: sent again after "Dossier incompleet" → the status the process lets the school set
    next (back to the submitted status). Where the process offers the school no single step
    towards the SWV, the status stays and the new files are simply added."""
    hulpvraag = Hulpvraag.objects.select_related("status").get(aanvraag=aanvraag)
    keuzes = [
        keuze
        for keuze in statuskeuzes(door, hulpvraag)
        if keuze.status.zichtbaar_voor_swv and not keuze.status.eindstatus
    ]
    if len(keuzes) != 1:
        return
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=keuzes[0].status,
        door=door,
        reden=_("Opnieuw verzonden vanuit %s.") % aanvraag.client.naam,
        verwachte_status=hulpvraag.status_id,
    )


@transaction.atomic
def aanvraag_indienen(
    *,
    client: ApiClient,
    school: School,
    gegevens: dict[str, Any],
    bestanden: list[AangebodenBestand],
    verzenden: bool,
) -> Aanvraag:
    """R11: "Opslaan" (a draft) or "Opslaan en verzenden". Everything in one transaction: a
    refused file or field leaves nothing behind."""
    door = contactpersoon_voor(school, gegevens["contactpersoon"]["email"])
    titel = titel_kiezen(school, gegevens["korte_omschrijving"])
    _leerling_controleren(gegevens, school)
    _opp_controleren(gegevens, [b.soort for b in bestanden])
    aanvraag = Aanvraag.objects.create(
        client=client, school=school, contactpersoon=door, gegevens=gegevens
    )
    if verzenden:
        _verzenden(aanvraag, bestanden, door, titel)
    else:
        _conceptbijlagen_bewaren(aanvraag, school, bestanden)
    aanvraag.save()
    return aanvraag


@transaction.atomic
def aanvraag_wijzigen(
    *,
    aanvraag: Aanvraag,
    door: Gebruiker,
    gegevens: dict[str, Any] | None,
    bestanden: list[AangebodenBestand],
    verzenden: bool,
    verwachte_versie: int,
) -> Aanvraag:
    """R11: change a draft, or add files to a sent request; `verzenden` sends (again). Of two
    writers the first wins: the second names the version it saw and is refused."""
    actueel = (
        Aanvraag.objects.select_for_update().select_related("client", "school").get(pk=aanvraag.pk)
    )
    if actueel.versie != verwachte_versie:
        raise KoppelingFout(
            "versie_verouderd",
            _("De aanvraag is intussen gewijzigd. Haal hem opnieuw op en wijzig dan opnieuw."),
            status=412,
        )
    if actueel.hulpvraag_id is None:
        if gegevens is not None:
            nieuw = {**actueel.gegevens, **gegevens}
            contactpersoon_voor(actueel.school, nieuw["contactpersoon"]["email"])
            titel_kiezen(actueel.school, nieuw["korte_omschrijving"])
            _leerling_controleren(nieuw, actueel.school)
            actueel.gegevens = nieuw
        if verzenden:
            soorten = [
                c.documenttype.code for c in actueel.conceptbijlagen.all() if c.documenttype
            ] + [b.soort for b in bestanden]
            _opp_controleren(actueel.gegevens, soorten)
            _verzenden(actueel, bestanden, door)
        else:
            _conceptbijlagen_bewaren(actueel, actueel.school, bestanden)
    else:
        if gegevens:
            raise KoppelingFout(
                "al_verzonden",
                _(
                    "Een verzonden aanvraag houdt haar gegevens; voeg alleen bijlagen toe en "
                    "verzend opnieuw."
                ),
                status=409,
            )
        hulpvraag = Hulpvraag.objects.get(pk=actueel.hulpvraag_id)
        _bijlagen_toevoegen(actueel, hulpvraag, bestanden, door)
        if verzenden:
            _opnieuw_verzenden(actueel, door)
    actueel.versie += 1
    actueel.gewijzigd_op = timezone.now()
    actueel.save()
    return actueel


@transaction.atomic
def aanvraag_verwijderen(*, aanvraag: Aanvraag, verwachte_versie: int) -> None:
    """R11: a draft or a finished request is removed on the school side. A draft goes with its
    files; a sent request only leaves the system's list (the SWV's hulpvraag and its history
    stay). A request still being handled cannot be removed."""
    actueel = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    if actueel.versie != verwachte_versie:
        raise KoppelingFout(
            "versie_verouderd",
            _("De aanvraag is intussen gewijzigd. Haal hem opnieuw op en verwijder dan opnieuw."),
            status=412,
        )
    if actueel.hulpvraag_id is None:
        namen = list(actueel.conceptbijlagen.values_list("opslagnaam", flat=True))
        actueel.delete()
        for naam in namen:
            transaction.on_commit(lambda naam=naam: bestand_verwijderen(naam))  # type: ignore[misc]
        return
    hulpvraag = Hulpvraag.objects.select_related("status").get(pk=actueel.hulpvraag_id)
    if not hulpvraag.status.eindstatus:
        raise KoppelingFout(
            "nog_in_behandeling",
            _(
                "Deze aanvraag wordt nog behandeld (status ‘%s’); verwijderen kan als hij is "
                "afgehandeld."
            )
            % hulpvraag.status.naam,
            status=409,
        )
    actueel.verwijderd_op = timezone.now()
    actueel.versie += 1
    actueel.save(update_fields=["verwijderd_op", "versie"])


def oude_idempotentiesleutels_verwijderen(*, bewaardagen: int = 7) -> str:
    """A retry comes within minutes; a week of answers is plenty (periodiek)."""
    grens = timezone.now() - timedelta(days=bewaardagen)
    aantal, _per_model = Idempotentiesleutel.objects.filter(aangemaakt_op__lt=grens).delete()
    return _("%d oude antwoorden op herhaalde API-verzoeken verwijderd.") % aantal


# --- OSO (ParnasSys and other systems) -------------------------------------------------------


def oso_te_bewaren(swv_id: int) -> frozenset[str]:
    """The blocks this SWV keeps (B7); without settings only the attachments."""
    instellingen = Osoinstellingen.objects.filter(swv=swv_id).first()
    return frozenset(instellingen.te_bewaren if instellingen else ["bijlagen"])


def oso_school(client: ApiClient, dossier: OsoAanvraag) -> School:
    """R8: the school by BRIN + vestiging, among the schools that switched this client on."""
    code = f"{dossier.school.brin}{dossier.school.vestiging}".upper()
    school = scholen_van_client(client).filter(code=code).first()
    if school is not None:
        return school
    if School.objects.filter(swv=client.swv_id, code=code).exists():
        raise KoppelingFout(
            "school_niet_gekoppeld",
            _(
                "School %s gebruikt deze koppeling niet. Het samenwerkingsverband zet haar aan "
                "in SWV-beheer (met mandaat en routeringskenmerk)."
            )
            % code,
            veld="dossier.huidigeschool",
            status=403,
        )
    raise KoppelingFout(
        "school_onbekend",
        _("School %s is bij dit samenwerkingsverband niet bekend.") % code,
        veld="dossier.huidigeschool",
    )


def oso_titel(school: School, aanvraagtype: str) -> Hulpvraagtitel:
    """The title the aanvraagtype maps to (as data per SWV), the one of the school's region."""
    passend = {t.pk: t for t in titels_voor_school(school)}
    regel = Aanvraagtype.objects.filter(swv=school.swv_id, code__iexact=aanvraagtype).first()
    if regel is not None:
        gekozen = next(
            (passend[pk] for pk in regel.titels.values_list("pk", flat=True) if pk in passend),
            None,
        )
        if gekozen is not None:
            return gekozen
    try:
        return titel_kiezen(school, aanvraagtype)
    except KoppelingFout as fout:
        fout.veld = "aanvraag.aanvraagtype"
        fout.extra["toegestaan"] = (
            sorted(
                set(Aanvraagtype.objects.filter(swv=school.swv_id).values_list("code", flat=True))
            )
            + fout.extra["toegestaan"]
        )
        raise


def _oso_gegevens(
    dossier: OsoAanvraag, metadata: dict[str, Any], titel: Hulpvraagtitel
) -> dict[str, Any]:
    leerling = dossier.leerling
    return {
        "leerling": {
            "roepnaam": leerling.roepnaam,
            "tussenvoegsel": leerling.tussenvoegsel,
            "achternaam": leerling.achternaam,
            "geboortedatum": leerling.geboortedatum.isoformat() if leerling.geboortedatum else "",
            "geslacht": leerling.geslacht,
            "ouder_emailadressen": list(leerling.ouder_emailadressen),
            # An address without a house number (a PO box written as text) cannot be a dossier
            # address; it stays with the school's own system.
            "adressen": [
                {
                    "soort": adres.soort,
                    "straat": adres.straat,
                    "huisnummer": adres.huisnummer,
                    "toevoeging": adres.toevoeging,
                    "postcode": adres.postcode,
                    "plaats": adres.plaats,
                    "land": adres.land or "Nederland",
                }
                for adres in leerling.adressen
                if adres.huisnummer
            ],
        },
        "contactpersoon": metadata["contactpersoon"],
        "korte_omschrijving": titel.naam,
        "zorgvraag": metadata.get("omschrijving", ""),
        "hulpvraagdatum": metadata["datum"],
        "naam_toch_opslaan": metadata.get("naam_toch_opslaan", False),
    }


@transaction.atomic
def oso_aanvraag_indienen(
    *, client: ApiClient, metadata: dict[str, Any], dossier: OsoAanvraag
) -> Aanvraag:
    """R6, R7: an OSO dossier, read and minimised by `oso.lees_dossier` (nothing of a dropped
    block reaches this function), filed through the one intake path as a sent request with
    kanaal OSO; the kept blocks are stored for the readable page."""
    if metadata["samenwerkingsverband"].upper() != client.swv.code:
        raise KoppelingFout(
            "swv_onjuist",
            _("Deze aanvraag is voor een ander samenwerkingsverband dan %s.") % client.swv.code,
            veld="aanvraag.samenwerkingsverband",
        )
    if dossier.toelichting_ontbreekt:
        raise KoppelingFout(
            "toelichting_ontbreekt",
            _("Voeg de bijlage ‘Toelichting onderwijsbehoeften’ toe, of stuur het OPP mee (R6)."),
            veld="dossier.bijlagen",
        )
    school = oso_school(client, dossier)
    titel = oso_titel(school, metadata["aanvraagtype"])
    soorten = set(
        Documenttype.objects.filter(swv=school.swv_id, actief=True).values_list("code", flat=True)
    )
    # A dossier may carry one file twice (the same report under two blocks): added once.
    uniek: dict[bytes, tuple[OsoBijlage, BijlageBestand]] = {}
    for bijlage in dossier.bijlagen:
        for bestand in bijlage.bestanden:
            uniek.setdefault(hashlib.sha256(bestand.inhoud).digest(), (bijlage, bestand))
    with ExitStack() as stapel:
        bestanden = [
            AangebodenBestand(
                bestand.bestandsnaam,
                stapel.enter_context(bestand.tijdelijk()),
                bijlage.soort if bijlage.soort in soorten else "",
            )
            for bijlage, bestand in uniek.values()
        ]
        aanvraag = aanvraag_indienen(
            client=client,
            school=school,
            gegevens=_oso_gegevens(dossier, metadata, titel),
            bestanden=bestanden,
            verzenden=True,
        )
    # Sending set the hulpvraag.
    Osogegevens.objects.create(
        hulpvraag=aanvraag.hulpvraag,  # type: ignore[misc]
        blokken=dossier.blokken,
        weggelaten=[str(titel_) for titel_ in dossier.weggelaten_bloktitels],
        pakket=f"{dossier.metadata.pakketnaam} {dossier.metadata.pakketversie}".strip(),
    )
    return aanvraag
