"""Every write of SWV-beheer (issue 16): accounts invited, changed, deactivated, a lost second
factor reset (R42, R43, B11), and the staff change (R44). Rights through rechten.py, every
change in the beheerlog with before and after (audit.gebeurtenissen), mails through the outbox."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts import rollen as rolcodes
from passend.accounts.models import Gebruiker, Rol, Uitnodiging
from passend.accounts.rechten import rolfeiten, werkt_op_school
from passend.accounts.services import (
    authenticator_intrekken,
    gebruiker_aanmaken,
    gebruiker_deactiveren,
    gebruiker_wijzigen,
    uitnodiging_aanmaken,
)
from passend.audit import gebeurtenissen
from passend.core.tijd import VROEGSTE_DATUM, datum_tekst
from passend.dossiers.models import Schoolgegevens
from passend.formulieren.models import Formulier
from passend.hulpvragen.models import Hulpvraag
from passend.notificaties.services import bericht_versturen
from passend.organisaties.models import Bestuur, Regio, School, Schoolgeschiedenis
from passend.overlegrondes.models import Deelnemer, Overlegronde
from passend.swvbeheer.models import Wijzigingsverzoek
from passend.swvbeheer.rechten import (
    mag_account_beheren,
    mag_accounts_beheren,
    mag_wijzigingsverzoek_afhandelen,
    mag_wijzigingsverzoek_indienen_voor,
)
from passend.swvbeheer.selectors import (
    Formulierwissel,
    Rondewissel,
    andere_actieve_beheerders,
    wisselvoorstel,
)


def momentopname(account: Gebruiker) -> dict[str, object]:
    """What the beheerlog keeps of an account before and after a change: ids and codes."""
    return {
        "gebruikersnaam": account.gebruikersnaam,
        "naam": account.volledige_naam,
        "email": account.email,
        "rollen": sorted(account.rollen.values_list("code", flat=True)),
        "scholen": sorted(account.scholen.values_list("code", flat=True)),
        "actief": account.is_active,
        "deactiveren_op": account.deactiveren_op.isoformat() if account.deactiveren_op else None,
    }


def _link(naam: str, token: str) -> str:
    return settings.PASSEND_BASIS_URL.rstrip("/") + reverse(naam, args=[token])


def _email_al_in_gebruik(door: Gebruiker, email: str, behalve: Gebruiker | None = None) -> None:
    bestaand = Gebruiker.objects.filter(swv=door.swv_id, email__iexact=email.strip())
    if behalve is not None:
        bestaand = bestaand.exclude(pk=behalve.pk)
    eerste = bestaand.first()
    if eerste is not None:
        raise ValidationError(
            {
                "email": _(
                    "Er is al een account met dit e-mailadres bij dit samenwerkingsverband: "
                    "%(naam)s (%(gebruikersnaam)s)."
                )
                % {"naam": eerste.volledige_naam, "gebruikersnaam": eerste.gebruikersnaam}
            }
        )


def _accountmail(account: Gebruiker, sjabloon: str, **extra: str) -> None:
    """A confidential mail to the account itself; `extra` carries its single-use link."""
    bericht_versturen(
        swv=account.swv,
        aan=[account.email],
        sjabloon=sjabloon,
        context={
            "naam": account.volledige_naam,
            "organisatie": f"{account.swv.code} {account.swv.naam}",
            "gebruikersnaam": account.gebruikersnaam,
            "geldig_uur": settings.PASSEND_ACTIVATIE_GELDIG_UUR,
            "swv": account.swv.naam,
            **extra,
        },
        vertrouwelijk=True,
    )


def _activatiemail(account: Gebruiker, token: str) -> None:
    _accountmail(
        account,
        "swvbeheer/mail/uitnodiging.txt",
        activatielink=_link("accounts:activeren", token),
    )


@transaction.atomic
def account_uitnodigen(
    *,
    door: Gebruiker,
    gebruikersnaam: str,
    voornaam: str,
    tussenvoegsel: str = "",
    achternaam: str,
    email: str,
    rollen: Iterable[Rol],
    scholen: Iterable[School] = (),
) -> Gebruiker:
    """B11: a new account of the administrator's SWV, without a password; a single-use,
    expiring link to set one and enrol an authenticator app goes to its e-mail address."""
    if not mag_accounts_beheren(door):
        raise PermissionDenied
    _email_al_in_gebruik(door, email)
    account = gebruiker_aanmaken(
        swv=door.swv,
        gebruikersnaam=gebruikersnaam,
        voornaam=voornaam,
        tussenvoegsel=tussenvoegsel,
        achternaam=achternaam,
        email=email,
        rollen=rollen,
        scholen=scholen,
    )
    token = uitnodiging_aanmaken(gebruiker=account)
    _activatiemail(account, token)
    gebeurtenissen.account_uitgenodigd(account, door=door, na=momentopname(account))
    return account


@transaction.atomic
def uitnodiging_opnieuw_versturen(*, door: Gebruiker, account: Gebruiker) -> None:
    """A new activation link for an account that never set its password (the old one stops)."""
    if not mag_account_beheren(door, account):
        raise PermissionDenied
    token = uitnodiging_aanmaken(gebruiker=account)
    _activatiemail(account, token)
    gebeurtenissen.account_uitgenodigd(account, door=door, na=momentopname(account))


def _laatste_beheerder(account: Gebruiker, op: date | None = None) -> bool:
    return andere_actieve_beheerders(account, op=op) == 0


@transaction.atomic
def account_wijzigen(
    *,
    door: Gebruiker,
    account: Gebruiker,
    voornaam: str,
    tussenvoegsel: str,
    achternaam: str,
    email: str,
    rollen: Iterable[Rol],
    scholen: Iterable[School],
) -> Gebruiker:
    """R42: name, e-mail, roles and schools; never the SWV's last application administrator's
    own role."""
    if not mag_account_beheren(door, account):
        raise PermissionDenied
    account = Gebruiker.objects.select_for_update().select_related("swv").get(pk=account.pk)
    rollen, scholen = list(rollen), list(scholen)
    voor = momentopname(account)
    if (
        rolcodes.APPLICATIEBEHEERDER in voor["rollen"]  # type: ignore[operator]
        and not any(rol.code == rolcodes.APPLICATIEBEHEERDER for rol in rollen)
        and account.is_active
        and _laatste_beheerder(account)
    ):
        raise ValidationError(
            {
                "rollen": _(
                    "Dit is de laatste applicatiebeheerder van het samenwerkingsverband. Geef "
                    "eerst een ander account deze rol."
                )
            }
        )
    _email_al_in_gebruik(door, email, behalve=account)
    gebruiker_wijzigen(
        gebruiker=account,
        voornaam=voornaam,
        tussenvoegsel=tussenvoegsel,
        achternaam=achternaam,
        email=email,
        rollen=rollen,
        scholen=scholen,
    )
    na = momentopname(account)
    if na != voor:
        gebeurtenissen.account_gewijzigd(account, door=door, voor=voor, na=na)
    return account


@transaction.atomic
def account_deactiveren(*, door: Gebruiker, account: Gebruiker, op: date) -> Gebruiker:
    """R44: the account stops on day `op` (today: at once, and its sessions end). Never in the
    past, never the SWV's last application administrator."""
    if not mag_account_beheren(door, account):
        raise PermissionDenied
    account = Gebruiker.objects.select_for_update().select_related("swv").get(pk=account.pk)
    vandaag = timezone.localdate()
    if op < vandaag:
        raise ValidationError({"op": _("Kies vandaag of een dag in de toekomst.")})
    if not account.is_active:
        raise ValidationError(_("Dit account is al uitgezet."))
    if account.rollen.filter(code=rolcodes.APPLICATIEBEHEERDER).exists() and _laatste_beheerder(
        account, op=op
    ):
        raise ValidationError(
            _(
                "Dit is de laatste applicatiebeheerder van het samenwerkingsverband. Geef eerst "
                "een ander account deze rol."
            )
        )
    voor = momentopname(account)
    account.deactiveren_op = op
    account.save(update_fields=["deactiveren_op"])
    if op == vandaag:
        gebruiker_deactiveren(gebruiker=account)
    gebeurtenissen.account_deactivering_gepland(
        account, door=door, voor=voor, na=momentopname(account)
    )
    return account


@transaction.atomic
def account_heractiveren(*, door: Gebruiker, account: Gebruiker) -> Gebruiker:
    """Undoes a deactivation, or a planned one."""
    if not mag_account_beheren(door, account):
        raise PermissionDenied
    account = Gebruiker.objects.select_for_update().select_related("swv").get(pk=account.pk)
    voor = momentopname(account)
    account.is_active = True
    account.deactiveren_op = None
    account.save(update_fields=["is_active", "deactiveren_op"])
    gebeurtenissen.account_gewijzigd(account, door=door, voor=voor, na=momentopname(account))
    return account


def geplande_deactiveringen_uitvoeren() -> str:
    """Periodic (`manage.py periodiek`): accounts whose day to stop has come are switched off
    and their sessions end. Logins are refused from that day on anyway (the backend checks)."""
    aantal = 0
    for account in Gebruiker.objects.filter(
        is_active=True, deactiveren_op__lte=timezone.localdate()
    ):
        gebruiker_deactiveren(gebruiker=account)
        aantal += 1
    return f"{aantal} account(s) uitgezet op hun geplande dag."


@transaction.atomic
def authenticator_herstellen(
    *, door: Gebruiker, account: Gebruiker, gecontroleerd_door: str, controle: str
) -> None:
    """B11, R43: "I have a new phone, my code is gone". After an identity check the SWV records
    (who checked, how), the old authenticator stops working at once and the account's sessions
    end; a single-use link to enrol a new one goes to its e-mail address (no pupil data). An
    account that never set its password gets a new activation link instead. Never one's own:
    another administrator checks who you are."""
    if not mag_account_beheren(door, account):
        raise PermissionDenied
    fouten = {}
    if not gecontroleerd_door.strip():
        fouten["gecontroleerd_door"] = _("Vul in wie de identiteit heeft gecontroleerd.")
    if not controle.strip():
        fouten["controle"] = _("Vul in hoe de identiteit is gecontroleerd.")
    if fouten:
        raise ValidationError(fouten)
    if account.pk == door.pk:
        raise ValidationError(
            _("Uw eigen authenticator herstelt een andere applicatiebeheerder, na controle.")
        )
    account = Gebruiker.objects.select_for_update().select_related("swv").get(pk=account.pk)
    authenticator_intrekken(gebruiker=account)
    if account.has_usable_password():
        token = uitnodiging_aanmaken(gebruiker=account, soort=Uitnodiging.Soort.AUTHENTICATOR)
        _accountmail(
            account,
            "swvbeheer/mail/authenticator_herstellen.txt",
            link=_link("accounts:authenticator_herstellen", token),
            datum=datum_tekst(timezone.now()),
        )
    else:
        _activatiemail(account, uitnodiging_aanmaken(gebruiker=account))
    gebeurtenissen.authenticator_hersteld(
        account, door=door, gecontroleerd_door=gecontroleerd_door.strip(), controle=controle.strip()
    )


@dataclass
class Wisselresultaat:
    """What a staff change moved (R44)."""

    hulpvragen: list[Hulpvraag]
    formulieren: list[Formulier]
    overlegrondes: list[Overlegronde]


def _formulier_overdragen(
    wissel: Formulierwissel, *, door: Gebruiker, vertrekkend: Gebruiker, nieuw: Gebruiker
) -> Formulier | None:
    """The bevoegd gezag and the account answers naming the leaving account now name the new
    one; read again under a lock, so a signature placed since the preview keeps the form as
    it is (a signature is never rewritten)."""
    formulier = Formulier.objects.select_for_update().get(pk=wissel.formulier.pk)
    if (
        formulier.bevoegd_gezag_id != vertrekkend.pk
        or formulier.ingediend_op is not None
        or formulier.ondertekeningen.filter(ingetrokken_op__isnull=True).exists()
    ):
        return None
    antwoorden = dict(formulier.antwoorden)
    for code in wissel.vragen:
        antwoorden[code] = nieuw.pk
    formulier.antwoorden = antwoorden
    formulier.bevoegd_gezag = nieuw
    formulier.gewijzigd_op = timezone.now()
    formulier.save(update_fields=["antwoorden", "bevoegd_gezag", "gewijzigd_op"])
    gebeurtenissen.formulier_overgedragen(
        wissel.formulier.hulpvraag,
        door=door,
        formulier=wissel.formulier.versie.definitie.code,
        vragen=wissel.vragen,
        van=vertrekkend.pk,
        naar=nieuw.pk,
    )
    return formulier


def _overlegronde_overdragen(
    wissel: Rondewissel, *, door: Gebruiker, vertrekkend: Gebruiker, nieuw: Gebruiker
) -> None:
    """The new account becomes the round's starter and/or takes the leaving account's place
    as participant (its specialisme kept); where it already takes part, the leaving account's
    place ends. Reactions keep their author: they are what was said."""
    ronde = Overlegronde.objects.select_for_update().get(pk=wissel.overlegronde.pk)
    rollen = []
    if wissel.aanmaker and ronde.aangemaakt_door_id == vertrekkend.pk:
        ronde.aangemaakt_door = nieuw
        ronde.save(update_fields=["aangemaakt_door"])
        rollen.append("aanmaker")
    deelname = Deelnemer.objects.filter(overlegronde=ronde, gebruiker=vertrekkend).first()
    if wissel.deelnemer and deelname is not None:
        al_erbij = (
            ronde.aangemaakt_door_id == nieuw.pk
            or Deelnemer.objects.filter(overlegronde=ronde, gebruiker=nieuw).exists()
        )
        if al_erbij:
            deelname.delete()
        else:
            deelname.gebruiker = nieuw
            deelname.toegevoegd_op = timezone.now()
            deelname.full_clean()
            deelname.save(update_fields=["gebruiker", "toegevoegd_op"])
        rollen.append("deelnemer")
    if rollen:
        gebeurtenissen.overlegronde_overgedragen(
            ronde, door=door, rollen=rollen, van=vertrekkend.pk, naar=nieuw.pk
        )


@transaction.atomic
def personeelswissel_uitvoeren(
    *, door: Gebruiker, vertrekkend: Gebruiker, nieuw: Gebruiker
) -> Wisselresultaat:
    """R44 in one action and one transaction, from the leaving account to the new one:
    - every open hulpvraag it is aanvrager of (or whose contact address is its e-mail) gets the
      new account as aanvrager, contactpersoon and e-mail, so status mails follow;
    - every unfinished form where it is bevoegd gezag gets the new account as bevoegd gezag
      (and as the answer of each account question that named it), unless a signature stands
      or the new account cannot be chosen there: those are listed, never rewritten;
    - every running overlegronde it started or takes part in gets the new account in its
      place, unless the new account does not work at the round's school (for the starter).
    One access-log row per hulpvraag, form and round (before and after as account ids), one
    beheerlog row, and one summary mail to the new account (references only, no pupil)."""
    if not (mag_account_beheren(door, vertrekkend) and mag_account_beheren(door, nieuw)):
        raise PermissionDenied
    if vertrekkend.pk == nieuw.pk:
        raise ValidationError({"nieuw": _("Kies een ander account dan het vertrekkende.")})
    if not nieuw.is_active or not rolfeiten(nieuw).werkt_voor_school:
        raise ValidationError(
            {"nieuw": _("Kies een actief account van een medewerker van de school.")}
        )
    voorstel = wisselvoorstel(vertrekkend, nieuw)
    if voorstel.scholen_zonder_nieuw:
        raise ValidationError(
            {
                "nieuw": _("%(naam)s werkt niet op %(scholen)s. Geef het account eerst die school.")
                % {
                    "naam": nieuw.volledige_naam,
                    "scholen": ", ".join(s.naam for s in voorstel.scholen_zonder_nieuw),
                }
            }
        )
    schoolgegevens_ids = {hulpvraag.schoolgegevens_id for hulpvraag in voorstel.hulpvragen}
    Schoolgegevens.objects.filter(pk__in=schoolgegevens_ids).update(
        aanvrager=nieuw, contactpersoon=nieuw.volledige_naam, email=nieuw.email
    )
    for hulpvraag in voorstel.hulpvragen:
        gebeurtenissen.aanvrager_overgedragen(
            hulpvraag, door=door, van=vertrekkend.pk, naar=nieuw.pk
        )
    formulieren = [
        formulier
        for wissel in voorstel.formulieren_over
        if (
            formulier := _formulier_overdragen(
                wissel, door=door, vertrekkend=vertrekkend, nieuw=nieuw
            )
        )
        is not None
    ]
    overlegrondes = []
    for wissel in voorstel.overlegrondes_over:
        _overlegronde_overdragen(wissel, door=door, vertrekkend=vertrekkend, nieuw=nieuw)
        overlegrondes.append(wissel.overlegronde)
    gebeurtenissen.personeelswissel_uitgevoerd(
        vertrekkend,
        door=door,
        nieuw=nieuw,
        aantallen={
            "hulpvragen": len(voorstel.hulpvragen),
            "formulieren": len(formulieren),
            "overlegrondes": len(overlegrondes),
            "formulieren_niet_overgedragen": len(voorstel.formulieren) - len(formulieren),
            "overlegrondes_niet_overgedragen": len(voorstel.overlegrondes_blijven),
        },
    )
    if voorstel.hulpvragen or formulieren or overlegrondes:
        bericht_versturen(
            swv=nieuw.swv,
            aan=[nieuw.email],
            sjabloon="swvbeheer/mail/personeelswissel.txt",
            context={
                "naam": nieuw.volledige_naam,
                "referenties": [hulpvraag.referentie for hulpvraag in voorstel.hulpvragen],
                "formulieren": [
                    f"{f.versie.definitie.naam} ({f.hulpvraag.referentie})" for f in formulieren
                ],
                "overlegrondes": [
                    f"{r.referentie} ({r.hulpvraag.referentie})" for r in overlegrondes
                ],
                "link": settings.PASSEND_BASIS_URL.rstrip("/") + reverse("hulpvragen:lijst"),
                "swv": nieuw.swv.naam,
            },
        )
    return Wisselresultaat(voorstel.hulpvragen, formulieren, overlegrondes)


# --- Schools through their life (R45) ----------------------------------------------------------


def _school_stand(school: School) -> dict[str, object]:
    return {
        "naam": school.naam,
        "code": school.code,
        "regio": school.regio.naam if school.regio_id else "",  # type: ignore[union-attr]
        "bestuur": str(school.bestuur),
        "gesloten_op": school.gesloten_op.isoformat() if school.gesloten_op else None,
        "opgegaan_in": school.opgegaan_in.code if school.opgegaan_in_id else None,  # type: ignore[union-attr]
        "opgegaan_op": school.opgegaan_op.isoformat() if school.opgegaan_op else None,
    }


def _geschiedenis(
    school: School,
    *,
    soort: str,
    ingangsdatum: date,
    door: Gebruiker,
    wijzigingen: list[str],
    andere_school: str = "",
) -> Schoolgeschiedenis:
    stand = _school_stand(school)
    rij = Schoolgeschiedenis(
        school=school,
        soort=soort,
        ingangsdatum=ingangsdatum,
        naam=school.naam,
        code=school.code,
        regio=str(stand["regio"]),
        bestuur=str(stand["bestuur"]),
        wijzigingen=wijzigingen,
        andere_school=andere_school,
        vastgelegd_door=door.gebruikersnaam,
    )
    rij.full_clean()
    rij.save()
    return rij


def _niet_in_toekomst(ingangsdatum: date, veld: str = "ingangsdatum") -> None:
    if ingangsdatum > timezone.localdate():
        raise ValidationError({veld: _("Kies vandaag of een eerdere datum.")})


def _eigen_regio_en_bestuur(door: Gebruiker, regio: Regio | None, bestuur: Bestuur) -> None:
    fouten = {}
    if regio is not None and regio.swv_id != door.swv_id:
        fouten["regio"] = _("Kies een regio van uw samenwerkingsverband.")
    if bestuur.swv_id != door.swv_id:
        fouten["bestuur"] = _("Kies een bestuur van uw samenwerkingsverband.")
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def school_aanmaken(
    *,
    door: Gebruiker,
    naam: str,
    code: str,
    regio: Regio | None,
    bestuur: Bestuur,
    ingangsdatum: date,
) -> School:
    """R45: a new school of the administrator's SWV, its history starting on `ingangsdatum`."""
    if not mag_accounts_beheren(door):
        raise PermissionDenied
    _niet_in_toekomst(ingangsdatum)
    _eigen_regio_en_bestuur(door, regio, bestuur)
    school = School(swv=door.swv, naam=naam, code=code, regio=regio, bestuur=bestuur)
    school.full_clean()
    school.save()
    _geschiedenis(
        school,
        soort=Schoolgeschiedenis.Soort.AANGEMAAKT,
        ingangsdatum=ingangsdatum,
        door=door,
        wijzigingen=[],
    )
    gebeurtenissen.school_gewijzigd(
        school, door=door, gebeurtenis="school_aangemaakt", voor={}, na=_school_stand(school)
    )
    return school


@transaction.atomic
def school_wijzigen(
    *,
    door: Gebruiker,
    school: School,
    naam: str,
    code: str,
    regio: Regio | None,
    bestuur: Bestuur,
    ingangsdatum: date,
) -> School:
    """R45: a new name, a new BRIN/vestiging, another regio or bestuur, from `ingangsdatum`.
    The school keeps its identity, so its pupils' schoolgegevens and hulpvragen stay with it;
    the history keeps what it was called before, with dates."""
    if not (mag_accounts_beheren(door) and school.swv_id == door.swv_id):
        raise PermissionDenied
    _niet_in_toekomst(ingangsdatum)
    _eigen_regio_en_bestuur(door, regio, bestuur)
    school = (
        School.objects.select_for_update(of=("self",))
        .select_related("regio", "bestuur")
        .get(pk=school.pk)
    )
    voor = _school_stand(school)
    _begin_vastleggen(school, door)
    school.naam, school.code, school.regio, school.bestuur = naam, code, regio, bestuur
    school.full_clean()
    na = _school_stand(school)
    gewijzigd = [veld for veld in ("naam", "code", "regio", "bestuur") if voor[veld] != na[veld]]
    if not gewijzigd:
        return school
    school.save()
    _geschiedenis(
        school,
        soort=Schoolgeschiedenis.Soort.GEWIJZIGD,
        ingangsdatum=ingangsdatum,
        door=door,
        wijzigingen=gewijzigd,
    )
    gebeurtenissen.school_gewijzigd(
        school, door=door, gebeurtenis="school_gewijzigd", voor=voor, na=na
    )
    return school


@transaction.atomic
def school_sluiten(*, door: Gebruiker, school: School, op: date) -> School:
    """R45: from day `op` the school takes no new hulpvragen; its open ones stay reachable
    and are listed for the SWV on the closing page."""
    if not (mag_accounts_beheren(door) and school.swv_id == door.swv_id):
        raise PermissionDenied
    school = (
        School.objects.select_for_update(of=("self",))
        .select_related("regio", "bestuur")
        .get(pk=school.pk)
    )
    if school.gesloten_op is not None:
        raise ValidationError(_("Deze school is al gesloten."))
    voor = _school_stand(school)
    _begin_vastleggen(school, door)
    school.gesloten_op = op
    school.save(update_fields=["gesloten_op"])
    _geschiedenis(
        school, soort=Schoolgeschiedenis.Soort.GESLOTEN, ingangsdatum=op, door=door, wijzigingen=[]
    )
    gebeurtenissen.school_gewijzigd(
        school, door=door, gebeurtenis="school_gesloten", voor=voor, na=_school_stand(school)
    )
    return school


# How far ahead a merge may be planned: the next school year is known by then.
SAMENVOEGEN_MAX_DAGEN_VOORUIT = 366


def _begin_vastleggen(school: School, door: Gebruiker) -> None:
    """The first change of a school records how it was before (its history's first row)."""
    if not school.geschiedenis.exists():
        _geschiedenis(
            school,
            soort=Schoolgeschiedenis.Soort.BEGIN,
            ingangsdatum=VROEGSTE_DATUM,
            door=door,
            wijzigingen=[],
        )


def _niet_al_opgegaan(school: School) -> None:
    if school.opgegaan_in_id is not None:
        raise ValidationError(
            _("Deze school is al samengevoegd met %(school)s.") % {"school": school.opgegaan_in}
        )


@transaction.atomic
def school_samenvoegen(*, door: Gebruiker, school: School, in_school: School, op: date) -> School:
    """R45: `school` (A) goes up in `in_school` (B) on day `op`. From that day on B's staff see
    A's pupils, schoolgegevens and hulpvragen as their own (accounts.rechten.eigen_scholen), A
    takes no new hulpvragen (it is closed that day, or stays closed from an earlier day), and
    nothing is moved or rewritten: A's records keep their school, so what was filed stays as it
    was filed. A's own remaining staff keep seeing A's records. Both schools get a history row;
    the beheerlog keeps A before and after. Refused: into itself, into a closed or merged
    school, into a school of another SWV (or one that only submits here), A already merged, a
    day more than a year ahead."""
    if not (mag_accounts_beheren(door) and school.swv_id == door.swv_id):
        raise PermissionDenied
    _niet_al_opgegaan(school)
    fouten: dict[str, str] = {}
    if in_school.pk == school.pk:
        fouten["in_school"] = _("Kies een andere school: een school kan niet in zichzelf opgaan.")
    elif in_school.swv_id != door.swv_id or not in_school.aangesloten:
        fouten["in_school"] = _(
            "Kies een school van uw eigen samenwerkingsverband; deze school hoort bij een ander "
            "samenwerkingsverband."
        )
    elif in_school.opgegaan_in_id is not None:
        fouten["in_school"] = _("Deze school is zelf al opgegaan in een andere school.")
    elif in_school.gesloten_op is not None:
        fouten["in_school"] = _(
            "Deze school is gesloten (per %(datum)s); kies een school die open blijft."
        ) % {"datum": datum_tekst(in_school.gesloten_op)}
    if op > timezone.localdate() + timedelta(days=SAMENVOEGEN_MAX_DAGEN_VOORUIT):
        fouten["op"] = _("Kies een datum binnen een jaar vanaf vandaag.")
    if fouten:
        raise ValidationError(fouten)
    # Both rows locked in one order (by pk), so two merges at once cannot cross.
    vergrendeld = {
        rij.pk: rij
        for rij in School.objects.select_for_update(of=("self",))
        .select_related("regio", "bestuur")
        .filter(pk__in=[school.pk, in_school.pk])
        .order_by("pk")
    }
    school, in_school = vergrendeld[school.pk], vergrendeld[in_school.pk]
    _niet_al_opgegaan(school)
    if in_school.gesloten_op is not None or in_school.opgegaan_in_id is not None:
        raise ValidationError({"in_school": _("Deze school is intussen gesloten.")})
    voor = _school_stand(school)
    _begin_vastleggen(school, door)
    _begin_vastleggen(in_school, door)
    school.opgegaan_in, school.opgegaan_op = in_school, op
    if school.gesloten_op is None or school.gesloten_op > op:
        school.gesloten_op = op
    school.full_clean()
    school.save(update_fields=["opgegaan_in", "opgegaan_op", "gesloten_op"])
    _geschiedenis(
        school,
        soort=Schoolgeschiedenis.Soort.SAMENGEVOEGD,
        ingangsdatum=op,
        door=door,
        wijzigingen=[],
        andere_school=str(in_school),
    )
    _geschiedenis(
        in_school,
        soort=Schoolgeschiedenis.Soort.OPGENOMEN,
        ingangsdatum=op,
        door=door,
        wijzigingen=[],
        andere_school=str(school),
    )
    gebeurtenissen.school_gewijzigd(
        school, door=door, gebeurtenis="school_samengevoegd", voor=voor, na=_school_stand(school)
    )
    return school


# --- Besturen and their verwerkersovereenkomst (R33) -------------------------------------------


def _bestuur_stand(bestuur: Bestuur) -> dict[str, object]:
    return {
        "verwerkersovereenkomst": bestuur.verwerkersovereenkomst,
        "verwerkersovereenkomst_datum": (
            bestuur.verwerkersovereenkomst_datum.isoformat()
            if bestuur.verwerkersovereenkomst_datum
            else None
        ),
        "verwerkersovereenkomst_einde": (
            bestuur.verwerkersovereenkomst_einde.isoformat()
            if bestuur.verwerkersovereenkomst_einde
            else None
        ),
    }


@transaction.atomic
def bestuur_wijzigen(
    *,
    door: Gebruiker,
    bestuur: Bestuur,
    verwerkersovereenkomst_datum: date | None,
    verwerkersovereenkomst_einde: date | None,
) -> Bestuur:
    """R33: when the bestuur signed the verwerkersovereenkomst and when it ends; logged with
    before and after. Signed means a date is filled in."""
    if not (mag_accounts_beheren(door) and bestuur.swv_id == door.swv_id):
        raise PermissionDenied
    bestuur = Bestuur.objects.select_for_update().get(pk=bestuur.pk)
    voor = _bestuur_stand(bestuur)
    if verwerkersovereenkomst_einde and not verwerkersovereenkomst_datum:
        raise ValidationError(
            {"verwerkersovereenkomst_datum": _("Vul de datum in waarop het bestuur tekende.")}
        )
    bestuur.verwerkersovereenkomst = verwerkersovereenkomst_datum is not None
    bestuur.verwerkersovereenkomst_datum = verwerkersovereenkomst_datum
    bestuur.verwerkersovereenkomst_einde = verwerkersovereenkomst_einde
    bestuur.full_clean()
    na = _bestuur_stand(bestuur)
    if na == voor:
        return bestuur
    bestuur.save(
        update_fields=[
            "verwerkersovereenkomst",
            "verwerkersovereenkomst_datum",
            "verwerkersovereenkomst_einde",
        ]
    )
    gebeurtenissen.bestuur_gewijzigd(bestuur, door=door, voor=voor, na=na)
    return bestuur


# --- Wijzigingsverzoeken (R44) -----------------------------------------------------------------


def _verzoek_stand(verzoek: Wijzigingsverzoek) -> dict[str, object]:
    """What the beheerlog keeps of a request: ids, codes and dates; the free texts stay on
    the request itself."""
    return {
        "soort": verzoek.soort,
        "school": verzoek.school.code,
        "vertrekkend": verzoek.vertrekkend_id,
        "ingangsdatum": verzoek.ingangsdatum.isoformat() if verzoek.ingangsdatum else None,
        "stand": verzoek.stand,
    }


@transaction.atomic
def wijzigingsverzoek_indienen(
    *,
    door: Gebruiker,
    school: School,
    soort: str,
    vertrekkend: Gebruiker | None = None,
    nieuwe_naam: str = "",
    nieuwe_email: str = "",
    ingangsdatum: date | None = None,
    omschrijving: str = "",
) -> Wijzigingsverzoek:
    """R44: a school's contact person asks the SWV for a staff change (who leaves, the new
    person's name and e-mail, from when) or a change of the school's data (what changes).
    The SWV's application administrators get a mail with a link (no personal data)."""
    if not mag_wijzigingsverzoek_indienen_voor(door, school):
        raise PermissionDenied
    nieuwe_naam, nieuwe_email, omschrijving = (
        nieuwe_naam.strip(),
        nieuwe_email.strip().lower(),
        omschrijving.strip(),
    )
    fouten: dict[str, str] = {}
    if soort == Wijzigingsverzoek.Soort.PERSONEELSWISSEL:
        if vertrekkend is None:
            fouten["vertrekkend"] = _("Kies de medewerker die vertrekt.")
        elif vertrekkend.swv_id != door.swv_id or not werkt_op_school(vertrekkend, school.pk):
            fouten["vertrekkend"] = _("Kies een medewerker van %(school)s.") % {
                "school": school.naam
            }
        if not nieuwe_naam:
            fouten["nieuwe_naam"] = _("Vul de naam van de nieuwe medewerker in.")
        if not nieuwe_email:
            fouten["nieuwe_email"] = _("Vul het e-mailadres van de nieuwe medewerker in.")
        else:
            try:
                validate_email(nieuwe_email)
            except ValidationError:
                fouten["nieuwe_email"] = _("Vul een geldig e-mailadres in, zoals naam@school.nl.")
            else:
                if vertrekkend is not None and vertrekkend.email.lower() == nieuwe_email:
                    fouten["nieuwe_email"] = _(
                        "Dit is het e-mailadres van de vertrekkende medewerker. Vul het adres "
                        "van de nieuwe medewerker in: vertrekkend en nieuw zijn twee "
                        "verschillende accounts."
                    )
        if ingangsdatum is None:
            fouten["ingangsdatum"] = _("Vul in met ingang van wanneer, als dd-mm-jjjj.")
        elif ingangsdatum < timezone.localdate():
            fouten["ingangsdatum"] = _(
                "Deze datum ligt in het verleden. Kies vandaag of een datum in de toekomst."
            )
    elif soort == Wijzigingsverzoek.Soort.SCHOOLGEGEVENS:
        if not omschrijving:
            fouten["omschrijving"] = _(
                "Beschrijf wat er verandert, bijvoorbeeld de nieuwe naam of het nieuwe adres."
            )
        vertrekkend, nieuwe_naam, nieuwe_email = None, "", ""
    else:
        fouten["soort"] = _("Kies wat er verandert.")
    if fouten:
        raise ValidationError(fouten)
    verzoek = Wijzigingsverzoek(
        swv=door.swv,
        school=school,
        soort=soort,
        vertrekkend=vertrekkend,
        nieuwe_naam=nieuwe_naam,
        nieuwe_email=nieuwe_email,
        ingangsdatum=ingangsdatum,
        omschrijving=omschrijving,
        ingediend_door=door,
    )
    verzoek.full_clean()
    verzoek.save()
    gebeurtenissen.wijzigingsverzoek_ingediend(verzoek, door=door, na=_verzoek_stand(verzoek))
    beheerders = list(
        Gebruiker.objects.filter(
            swv=door.swv_id, is_active=True, rollen__code=rolcodes.APPLICATIEBEHEERDER
        )
        .distinct()
        .values_list("email", flat=True)
    )
    if beheerders:
        bericht_versturen(
            swv=door.swv,
            aan=beheerders,
            sjabloon="swvbeheer/mail/wijzigingsverzoek_ingediend.txt",
            context={
                "referentie": verzoek.referentie,
                "soort": verzoek.get_soort_display(),
                "link": _link("swvbeheer:wijzigingsverzoek", str(verzoek.pk)),
                "swv": door.swv.naam,
            },
        )
    return verzoek


@transaction.atomic
def wijzigingsverzoek_afhandelen(
    *, door: Gebruiker, verzoek: Wijzigingsverzoek, notitie: str
) -> Wijzigingsverzoek:
    """R44: the application administrator marks a request handled, with a note of what was
    done that the school reads; the filer gets a mail with a link."""
    if not mag_wijzigingsverzoek_afhandelen(door, verzoek):
        raise PermissionDenied
    verzoek = (
        Wijzigingsverzoek.objects.select_for_update(of=("self",))
        .select_related("school", "ingediend_door", "swv")
        .get(pk=verzoek.pk)
    )
    if verzoek.stand == Wijzigingsverzoek.Stand.AFGEHANDELD:
        raise ValidationError(_("Dit verzoek is al afgehandeld."))
    if not notitie.strip():
        raise ValidationError(
            {"notitie": _("Schrijf in een notitie wat er is gedaan; de school leest die.")}
        )
    voor = _verzoek_stand(verzoek)
    verzoek.stand = Wijzigingsverzoek.Stand.AFGEHANDELD
    verzoek.afgehandeld_door = door
    verzoek.afgehandeld_op = timezone.now()
    verzoek.afhandelnotitie = notitie.strip()
    verzoek.full_clean()
    verzoek.save()
    gebeurtenissen.wijzigingsverzoek_afgehandeld(
        verzoek, door=door, voor=voor, na=_verzoek_stand(verzoek)
    )
    if verzoek.ingediend_door.is_active:
        bericht_versturen(
            swv=verzoek.swv,
            aan=[verzoek.ingediend_door.email],
            sjabloon="swvbeheer/mail/wijzigingsverzoek_afgehandeld.txt",
            context={
                "referentie": verzoek.referentie,
                "link": _link("wijzigingsverzoeken:verzoek", str(verzoek.pk)),
                "swv": verzoek.swv.naam,
            },
        )
    return verzoek
