"""Every write to overlegrondes, from any channel: start a round with its participants (new
external accounts included), change its dates or close it, react. Rights are checked here
(`rechten.py`), each change writes its access-log row in its own transaction, and mails go
through the outbox in the same transaction (P3: a link and a reference number, no pupil data).
"""

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts import rollen
from passend.accounts.models import Gebruiker, Rol
from passend.accounts.services import (
    gebruiker_aanmaken,
    gebruikers_deactiveren,
    uitnodiging_aanmaken,
)
from passend.audit import gebeurtenissen
from passend.bijlagen.controles import (
    BestandGeweigerd,
    TeGrootMaarVerkleinbaar,
    bestand_controleren,
    grootte_tekst,
)
from passend.bijlagen.models import Bijlage
from passend.bijlagen.opslag import bestand_opslaan, bestand_verwijderen, nieuwe_opslagnaam
from passend.bijlagen.selectors import bijlageinstellingen
from passend.bijlagen.services import bestandsnaam_opschonen
from passend.core.kanalen import Kanaal
from passend.core.tijd import datum_tekst
from passend.dossiers.naamcontrole import genoemd_als_tekst, leerling_in_tekst
from passend.hulpvragen.models import Hulpvraag
from passend.notificaties.services import bericht_versturen
from passend.organisaties.models import Samenwerkingsverband
from passend.overlegrondes.models import (
    Deelnemer,
    Overlegronde,
    Reactie,
    Reactiebijlage,
)
from passend.overlegrondes.rechten import (
    mag_overlegronde_beheren,
    mag_overlegronde_starten,
    mag_reageren,
)
from passend.overlegrondes.selectors import kiesbare_deelnemers, overlegrondeinstellingen

MINIMALE_TUSSENTIJD = timedelta(days=7)


class NaamInOverlegronde(ValidationError):
    """The onderwerp or omschrijving seems to name the pupil; the user may confirm it."""

    def __init__(self, velden: dict[str, list[str]]) -> None:
        super().__init__(
            {
                veld: _(
                    "Deze tekst lijkt de naam of geboortedatum van de leerling te bevatten "
                    "(%(gevonden)s). Die zien alle deelnemers: haal hem weg, of bevestig dat hij "
                    "er met reden staat."
                )
                % {"gevonden": genoemd_als_tekst(gevonden)}
                for veld, gevonden in velden.items()
            },
            code="naam_in_overlegronde",
        )


class BestaandAccount(ValidationError):
    """R37: the e-mail address of a "Nieuwe gebruiker" is already an account of the SWV."""

    def __init__(self, gebruiker: Gebruiker) -> None:
        super().__init__(
            {
                "email": _(
                    "Er is al een account met dit e-mailadres: %(naam)s. Kies dit account als "
                    "deelnemer; maak geen tweede account aan."
                )
                % {"naam": gebruiker.volledige_naam}
            },
            code="bestaand_account",
        )
        self.gebruiker = gebruiker


@dataclass(frozen=True)
class NieuweDeelnemer:
    """R37 "Nieuwe gebruiker": an external participant without an account yet."""

    voornaam: str
    achternaam: str
    email: str
    specialisme: str = ""


def datums_controleren(
    einddatum_reacties: date, einddatum_inzage: date, *, reacties_ongewijzigd: bool = False
) -> None:
    """R36: inzage not in the past, reacties at least seven days before inzage."""
    vandaag = timezone.localdate()
    fouten: dict[str, str] = {}
    if einddatum_inzage < vandaag:
        fouten["einddatum_inzage"] = _("De einddatum inzage ligt in het verleden.")
    if einddatum_reacties < vandaag and not reacties_ongewijzigd:
        fouten["einddatum_reacties"] = _("De einddatum reacties ligt in het verleden.")
    elif einddatum_inzage - einddatum_reacties < MINIMALE_TUSSENTIJD:
        fouten["einddatum_reacties"] = _(
            "Kies de einddatum reacties minstens zeven dagen vóór de einddatum inzage "
            "(uiterlijk %(datum)s), zodat een late reactie nog gelezen kan worden."
        ) % {"datum": datum_tekst(einddatum_inzage - MINIMALE_TUSSENTIJD)}
    if fouten:
        raise ValidationError(fouten)


def nieuwe_deelnemer_controleren(*, hulpvraag: Hulpvraag, nieuw: NieuweDeelnemer) -> str:
    """R37: the e-mail address is valid and new to the SWV, and the specialisme (seen by
    others) does not name the pupil. Returns the normalised address."""
    fouten: dict[str, str] = {}
    email = nieuw.email.strip().lower()
    if not nieuw.voornaam.strip():
        fouten["voornaam"] = _("Vul de voornaam in.")
    if not nieuw.achternaam.strip():
        fouten["achternaam"] = _("Vul de achternaam in.")
    try:
        validate_email(email)
    except ValidationError:
        fouten["email"] = _("Vul een geldig e-mailadres in, zoals naam@organisatie.nl.")
    else:
        eigen = Gebruiker.objects.filter(swv=hulpvraag.swv_id, email__iexact=email).first()
        if eigen is not None:
            raise BestaandAccount(eigen)
        if Gebruiker.objects.filter(email__iexact=email).exclude(swv=hulpvraag.swv_id).exists():
            fouten["email"] = _(
                "Dit e-mailadres hoort bij een account van een ander samenwerkingsverband. "
                "Gebruik een ander (zakelijk) e-mailadres, of vraag de applicatiebeheerder om hulp."
            )
    if nieuw.specialisme and leerling_in_tekst(hulpvraag.leerling, nieuw.specialisme):
        fouten["specialisme"] = _(
            "Het specialisme lijkt de naam van de leerling te bevatten. Andere gebruikers zien "
            "het specialisme: noem alleen het vak, bijvoorbeeld ‘logopedist’."
        )
    if fouten:
        raise ValidationError(fouten)
    return email


def _link(naam: str, *args: object) -> str:
    return settings.PASSEND_BASIS_URL + reverse(naam, args=args)


def _uitnodigen(overlegronde: Overlegronde, gebruiker: Gebruiker, *, nieuw: bool) -> None:
    context = {
        "referentie": overlegronde.referentie,
        "swv": overlegronde.swv,
        "organisatie": f"{overlegronde.swv.code} {overlegronde.swv.naam}",
        "gebruikersnaam": gebruiker.gebruikersnaam,
        "link": _link("overlegrondes:detail", overlegronde.pk),
        "einddatum_reacties": datum_tekst(overlegronde.einddatum_reacties),
        "einddatum_inzage": datum_tekst(overlegronde.einddatum_inzage),
    }
    if nieuw:
        token = uitnodiging_aanmaken(gebruiker=gebruiker)
        bericht_versturen(
            swv=overlegronde.swv,
            aan=[gebruiker.email],
            sjabloon="overlegrondes/mail/uitnodiging_nieuw_account.txt",
            context={
                **context,
                "activatielink": _link("accounts:activeren", token),
                "geldig_uur": settings.PASSEND_ACTIVATIE_GELDIG_UUR,
            },
            vertrouwelijk=True,
        )
    else:
        bericht_versturen(
            swv=overlegronde.swv,
            aan=[gebruiker.email],
            sjabloon="overlegrondes/mail/uitnodiging.txt",
            context=context,
        )


@transaction.atomic
def overlegronde_aanmaken(
    *,
    hulpvraag: Hulpvraag,
    door: Gebruiker,
    onderwerp: str,
    omschrijving: str,
    einddatum_reacties: date,
    einddatum_inzage: date,
    deelnemers: list[Gebruiker],
    nieuwe_deelnemers: list[NieuweDeelnemer] = [],  # noqa: B006 (never mutated)
    gedeelde_bijlagen: list[Bijlage] = [],  # noqa: B006
    kanaal: Kanaal = Kanaal.WEB,
    naam_toch_opslaan: bool = False,
) -> Overlegronde:
    """R36-R38: a new round; every participant is mailed a link, a new external account also
    its single-use activation link."""
    if not mag_overlegronde_starten(door, hulpvraag, kanaal):
        raise PermissionDenied
    datums_controleren(einddatum_reacties, einddatum_inzage)
    if not naam_toch_opslaan:
        gevonden = {
            veld: leerling_in_tekst(hulpvraag.leerling, tekst)
            for veld, tekst in (("onderwerp", onderwerp), ("omschrijving", omschrijving))
        }
        if any(gevonden.values()):
            raise NaamInOverlegronde({veld: lijst for veld, lijst in gevonden.items() if lijst})
    if not deelnemers and not nieuwe_deelnemers:
        raise ValidationError(
            {"deelnemers": _("Kies minstens één deelnemer, of voeg een nieuwe gebruiker toe.")}
        )
    toegestaan = set(
        kiesbare_deelnemers(door, hulpvraag)
        .filter(pk__in=[gebruiker.pk for gebruiker in deelnemers])
        .values_list("pk", flat=True)
    )
    if any(gebruiker.pk not in toegestaan for gebruiker in deelnemers):
        raise ValidationError({"deelnemers": _("Kies deelnemers uit Mogelijke deelnemers.")})
    gekozen = {gebruiker.pk for gebruiker in deelnemers}
    if any(bijlage.hulpvraag_id != hulpvraag.pk for bijlage in gedeelde_bijlagen):
        raise ValidationError({"gedeelde_bijlagen": _("Kies bijlagen van deze hulpvraag.")})

    overlegronde = Overlegronde(
        swv_id=hulpvraag.swv_id,
        hulpvraag=hulpvraag,
        onderwerp=onderwerp.strip(),
        omschrijving=omschrijving.strip(),
        einddatum_reacties=einddatum_reacties,
        einddatum_inzage=einddatum_inzage,
        aangemaakt_door=door,
    )
    overlegronde.full_clean()
    overlegronde.save()
    overlegronde.gedeelde_bijlagen.set(gedeelde_bijlagen)
    gebeurtenissen.overlegronde_aangemaakt(overlegronde, door=door)

    rol = Rol.objects.get(code=rollen.EXTERNE_DEELNEMER)
    uitnodigen: list[tuple[Gebruiker, bool]] = [(gebruiker, False) for gebruiker in deelnemers]
    specialismen: dict[int, str] = {}
    for nieuw in nieuwe_deelnemers:
        try:
            email = nieuwe_deelnemer_controleren(hulpvraag=hulpvraag, nieuw=nieuw)
        except BestaandAccount as bestaand:
            # Typed twice, or made meanwhile: the existing account takes part, if it may.
            if bestaand.gebruiker.pk in gekozen:
                continue
            if not kiesbare_deelnemers(door, hulpvraag).filter(pk=bestaand.gebruiker.pk).exists():
                raise
            gekozen.add(bestaand.gebruiker.pk)
            uitnodigen.append((bestaand.gebruiker, False))
            continue
        gebruiker = gebruiker_aanmaken(
            swv=hulpvraag.swv,
            gebruikersnaam=email,
            voornaam=nieuw.voornaam.strip(),
            achternaam=nieuw.achternaam.strip(),
            email=email,
            rollen=[rol],
        )
        specialismen[gebruiker.pk] = nieuw.specialisme.strip()
        uitnodigen.append((gebruiker, True))
    for gebruiker, nieuw_account in uitnodigen:
        if not gebruiker.is_active:
            # An external account the housekeeping switched off takes part again.
            Gebruiker.objects.filter(pk=gebruiker.pk).update(is_active=True)
            gebruiker.is_active = True
        deelnemer = Deelnemer(
            overlegronde=overlegronde,
            gebruiker=gebruiker,
            specialisme=specialismen.get(gebruiker.pk, ""),
        )
        deelnemer.full_clean(validate_constraints=False)
        deelnemer.save()
        gebeurtenissen.deelnemer_toegevoegd(overlegronde, door=door, deelnemer_id=gebruiker.pk)
        _uitnodigen(overlegronde, gebruiker, nieuw=nieuw_account)
    return overlegronde


@transaction.atomic
def overlegronde_wijzigen(
    *, overlegronde: Overlegronde, door: Gebruiker, einddatum_reacties: date, einddatum_inzage: date
) -> Overlegronde:
    """R40: the school extends (or shortens) the round by editing its dates; a closed round
    opens again. Logged with the old and new dates."""
    if not mag_overlegronde_beheren(door, overlegronde):
        raise PermissionDenied
    overlegronde = Overlegronde.objects.select_for_update().get(pk=overlegronde.pk)
    datums_controleren(
        einddatum_reacties,
        einddatum_inzage,
        reacties_ongewijzigd=einddatum_reacties == overlegronde.einddatum_reacties,
    )
    oud = (overlegronde.einddatum_reacties, overlegronde.einddatum_inzage)
    overlegronde.einddatum_reacties = einddatum_reacties
    overlegronde.einddatum_inzage = einddatum_inzage
    heropend = overlegronde.gesloten_op is not None
    overlegronde.gesloten_op = None
    overlegronde.full_clean()
    overlegronde.save(update_fields=["einddatum_reacties", "einddatum_inzage", "gesloten_op"])
    gebeurtenissen.overlegronde_gewijzigd(
        overlegronde,
        door=door,
        einddatum_reacties_oud=oud[0].isoformat(),
        einddatum_inzage_oud=oud[1].isoformat(),
        einddatum_reacties=einddatum_reacties.isoformat(),
        einddatum_inzage=einddatum_inzage.isoformat(),
        heropend="ja" if heropend else None,
    )
    return overlegronde


@transaction.atomic
def overlegronde_sluiten(*, overlegronde: Overlegronde, door: Gebruiker) -> Overlegronde:
    """R40: closing early ends inzage and reactions for the participants at once."""
    if not mag_overlegronde_beheren(door, overlegronde):
        raise PermissionDenied
    overlegronde = Overlegronde.objects.select_for_update().get(pk=overlegronde.pk)
    if overlegronde.gesloten_op is None:
        overlegronde.gesloten_op = timezone.now()
        overlegronde.save(update_fields=["gesloten_op"])
        gebeurtenissen.overlegronde_gewijzigd(overlegronde, door=door, gesloten="ja")
    return overlegronde


@transaction.atomic
def activatielink_opnieuw_versturen(
    *, overlegronde: Overlegronde, door: Gebruiker, deelnemer: Deelnemer
) -> None:
    """A new single-use activation link for a participant who has not activated yet (an
    expired link tells them to ask the school)."""
    if (
        not mag_overlegronde_beheren(door, overlegronde)
        or deelnemer.overlegronde_id != overlegronde.pk
    ):
        raise PermissionDenied
    if deelnemer.gebruiker.has_usable_password():
        raise ValidationError(_("Deze deelnemer heeft het account al geactiveerd."))
    _uitnodigen(overlegronde, deelnemer.gebruiker, nieuw=True)


def _reactiebijlage_opslaan(reactie: Reactie, pad: Path, bestandsnaam: str) -> Reactiebijlage:
    """The same checks as an attachment of a hulpvraag (bijlagen.controles); the file is
    stored first and removed again if the row fails (bijlagen/services.py)."""
    bestandsnaam = bestandsnaam_opschonen(bestandsnaam)
    max_bytes = bijlageinstellingen(reactie.overlegronde.swv_id).max_bijlage_bytes
    try:
        gecontroleerd = bestand_controleren(pad, bestandsnaam=bestandsnaam, max_bytes=max_bytes)
    except TeGrootMaarVerkleinbaar as fout:
        raise BestandGeweigerd(
            _("%(naam)s is groter dan %(max)s. Verklein of splits het bestand.")
            % {"naam": bestandsnaam, "max": grootte_tekst(max_bytes)}
        ) from fout
    opslagnaam = nieuwe_opslagnaam()
    bestand_opslaan(opslagnaam, pad)
    try:
        with transaction.atomic():
            rij = Reactiebijlage(
                reactie=reactie,
                bestandsnaam=bestandsnaam,
                opslagnaam=opslagnaam,
                soort=gecontroleerd.soort,
                mime=gecontroleerd.mime,
                inline_tonen=gecontroleerd.inline_tonen,
                grootte=gecontroleerd.grootte,
                sha256=gecontroleerd.sha256,
            )
            rij.full_clean()
            rij.save()
            return rij
    except BaseException:
        bestand_verwijderen(opslagnaam)
        raise


@transaction.atomic
def reactie_toevoegen(
    *,
    overlegronde: Overlegronde,
    door: Gebruiker,
    tekst: str,
    bestand: Path | None = None,
    bestandsnaam: str = "",
) -> Reactie:
    """R39: a reaction, optionally with a file; mails the other participants and the
    initiator (no content in the mail). Raises BestandGeweigerd for a refused file; then
    nothing is stored."""
    if not mag_reageren(door, overlegronde):
        raise PermissionDenied
    if not tekst.strip():
        raise ValidationError({"tekst": _("Vul uw reactie in.")})
    reactie = Reactie(overlegronde=overlegronde, door=door, tekst=tekst.strip())
    reactie.full_clean()
    reactie.save()
    if bestand is not None:
        _reactiebijlage_opslaan(reactie, bestand, bestandsnaam)
    gebeurtenissen.reactie_toegevoegd(overlegronde, door=door, reactie_id=reactie.pk)
    ontvangers = [
        deelnemer.gebruiker.email
        for deelnemer in overlegronde.deelnemers.select_related("gebruiker")
        if deelnemer.gebruiker_id != door.pk and deelnemer.gebruiker.is_active
    ]
    if overlegronde.aangemaakt_door_id != door.pk:
        ontvangers.append(overlegronde.aangemaakt_door.email)
    bericht_versturen(
        swv=overlegronde.swv,
        aan=ontvangers,
        sjabloon="overlegrondes/mail/reactie_toegevoegd.txt",
        context={
            "referentie": overlegronde.referentie,
            "swv": overlegronde.swv,
            "link": _link("overlegrondes:detail", overlegronde.pk),
        },
    )
    return reactie


def reactie_met_upload(
    *, overlegronde: Overlegronde, door: Gebruiker, tekst: str, upload: object | None
) -> Reactie:
    """A reaction with the file of a web upload (a temporary file on disk, uploads.py)."""
    if upload is None:
        return reactie_toevoegen(overlegronde=overlegronde, door=door, tekst=tekst)
    pad = getattr(upload, "temporary_file_path", None)
    if pad is not None:
        return reactie_toevoegen(
            overlegronde=overlegronde,
            door=door,
            tekst=tekst,
            bestand=Path(pad()),
            bestandsnaam=str(getattr(upload, "name", "")),
        )
    with tempfile.TemporaryDirectory(prefix="passend-") as map:
        doel = Path(map) / "upload"
        with doel.open("wb") as uit:
            for deel in upload.chunks():  # type: ignore[attr-defined]
                uit.write(deel)
        return reactie_toevoegen(
            overlegronde=overlegronde,
            door=door,
            tekst=tekst,
            bestand=doel,
            bestandsnaam=str(getattr(upload, "name", "")),
        )


def externe_accounts_deactiveren() -> str:
    """Periodic (`manage.py periodiek`): external accounts whose last round ended longer ago
    than the SWV's setting (and made longer ago than that, if they never had one) are switched
    off; a new round with them needs the applicatiebeheerder to switch them on again."""
    uitgezet = 0
    vandaag = timezone.localdate()
    for swv in Samenwerkingsverband.objects.all():
        dagen = overlegrondeinstellingen(swv.pk).deactiveren_na_dagen
        grens = vandaag - timedelta(days=dagen)
        kandidaten = Gebruiker.objects.filter(
            swv=swv, is_active=True, rollen__code=rollen.EXTERNE_DEELNEMER
        ).exclude(rollen__kant__in=[Rol.Kant.SCHOOL, Rol.Kant.SWV])
        recent = Deelnemer.objects.filter(overlegronde__swv=swv).filter(
            Q(overlegronde__einddatum_inzage__gte=grens, overlegronde__gesloten_op__isnull=True)
            | Q(overlegronde__gesloten_op__gte=timezone.now() - timedelta(days=dagen))
        )
        oud = kandidaten.exclude(pk__in=recent.values("gebruiker")).filter(
            aangemaakt_op__lt=timezone.now() - timedelta(days=dagen)
        )
        uitgezet += gebruikers_deactiveren(gebruikers=list(oud.distinct()))
    return f"{uitgezet} account(s) van externe deelnemers uitgezet."
