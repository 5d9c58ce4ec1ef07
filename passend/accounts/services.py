"""Every write to accounts goes through here."""

import hashlib
import logging
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.models import Gebruiker, Herstelverzoek, Rol, Uitnodiging
from passend.accounts.selectors import adressen_van_applicatiebeheerders
from passend.accounts.tasks import HERSTEL_VENSTER, wachtwoordherstel_verwerken
from passend.notificaties.services import dagrapport_versturen
from passend.organisaties.models import Samenwerkingsverband, School

AUTHENTICATOR_NAAM = "Authenticator-app"
logger = logging.getLogger("passend.beveiliging")


@transaction.atomic
def gebruiker_aanmaken(
    *,
    swv: Samenwerkingsverband,
    gebruikersnaam: str,
    voornaam: str,
    achternaam: str,
    email: str,
    rollen: Iterable[Rol],
    scholen: Iterable[School] = (),
    tussenvoegsel: str = "",
    wachtwoord: str | None = None,
) -> Gebruiker:
    rollen, scholen = list(rollen), list(scholen)
    gebruiker = Gebruiker(
        swv=swv,
        gebruikersnaam=gebruikersnaam.strip(),
        voornaam=voornaam,
        tussenvoegsel=tussenvoegsel,
        achternaam=achternaam,
        email=email,
    )
    if wachtwoord is None:
        gebruiker.set_unusable_password()
    else:
        gebruiker.set_password(wachtwoord)
    gebruiker.full_clean()
    _check_rollen_en_scholen(swv, rollen, scholen)
    gebruiker.save()
    gebruiker.rollen.set(rollen)
    gebruiker.scholen.set(scholen)
    return gebruiker


def _check_rollen_en_scholen(
    swv: Samenwerkingsverband, rollen: list[Rol], scholen: list[School]
) -> None:
    if not rollen:
        raise ValidationError({"rollen": _("Kies minstens één rol.")})
    if any(school.swv_id != swv.pk for school in scholen):
        raise ValidationError({"scholen": _("Kies alleen scholen van dit samenwerkingsverband.")})
    if any(rol.aan_scholen_gekoppeld for rol in rollen) and not scholen:
        raise ValidationError(
            {"scholen": _("Deze rol hoort bij een school: kies minstens één school.")}
        )


@transaction.atomic
def gebruiker_wijzigen(
    *,
    gebruiker: Gebruiker,
    voornaam: str,
    tussenvoegsel: str,
    achternaam: str,
    email: str,
    rollen: Iterable[Rol],
    scholen: Iterable[School],
) -> Gebruiker:
    """Name, e-mail, roles and schools of an existing account (SWV-beheer checks who may)."""
    rollen, scholen = list(rollen), list(scholen)
    gebruiker.voornaam, gebruiker.tussenvoegsel, gebruiker.achternaam = (
        voornaam,
        tussenvoegsel,
        achternaam,
    )
    gebruiker.email = email
    gebruiker.full_clean()
    _check_rollen_en_scholen(gebruiker.swv, rollen, scholen)
    gebruiker.save()
    gebruiker.rollen.set(rollen)
    gebruiker.scholen.set(scholen)
    for bewaard in ("_rolfeiten", "_eigen_scholen"):
        gebruiker.__dict__.pop(bewaard, None)
    return gebruiker


@transaction.atomic
def account_instellingen_wijzigen(*, gebruiker: Gebruiker, statusmails_ontvangen: bool) -> None:
    gebruiker.statusmails_ontvangen = statusmails_ontvangen
    gebruiker.save(update_fields=["statusmails_ontvangen"])


def wachtwoordherstel_aanvragen(
    *, swv: Samenwerkingsverband, gebruikersnaam: str, email: str, client_adres: str | None
) -> None:
    """Queues one task for every request, whether or not an account matches: the task looks
    the account up, so the answer does the same work either way (no account enumeration by
    timing, ASVS 5.0 V6.3.8). Over PASSEND_WACHTWOORD_HERSTEL_MAX_PER_ADRES requests in an
    hour from one address nothing is queued; the page looks the same."""
    nu = timezone.now()
    with transaction.atomic():
        Herstelverzoek.objects.filter(tijd__lt=nu - HERSTEL_VENSTER).delete()
        eerder = Herstelverzoek.objects.filter(client_adres=client_adres).count()
        Herstelverzoek.objects.create(tijd=nu, client_adres=client_adres)
        if eerder >= settings.PASSEND_WACHTWOORD_HERSTEL_MAX_PER_ADRES:
            logger.warning(
                "wachtwoordherstel: te veel verzoeken vanaf dit adres",
                extra={"gebeurtenis": "herstel_adres_begrensd", "client_adres": client_adres},
            )
            return
        transaction.on_commit(
            partial(
                wachtwoordherstel_verwerken.enqueue,
                swv_id=swv.pk,
                gebruikersnaam=gebruikersnaam,
                email=email,
            )
        )


def authenticator_van(gebruiker: Gebruiker) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()


@transaction.atomic
def authenticator_inrichten_starten(*, gebruiker: Gebruiker) -> TOTPDevice:
    """The device being enrolled; the same one on a reload, so a scanned QR code stays valid."""
    device = TOTPDevice.objects.filter(user=gebruiker, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=gebruiker, name=AUTHENTICATOR_NAAM, confirmed=False)
    return device


@transaction.atomic
def authenticator_bevestigen(*, device: TOTPDevice, code: str) -> bool:
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


@transaction.atomic
def code_controleren(*, device: TOTPDevice, code: str) -> bool:
    """True once per code: django-otp remembers the last time step used (`last_t`).

    The row is locked so that two simultaneous logins with one code cannot both succeed.
    """
    locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    return bool(locked.verify_token(code))


def dagrapport_aan_applicatiebeheerders() -> str:
    """Periodic (`manage.py periodiek`): the day's report of mails that failed for good, to
    each SWV's application administrators."""
    aantal = dagrapport_versturen(ontvangers=adressen_van_applicatiebeheerders)
    return f"{aantal} dagrapport(en) van mislukte e-mails verstuurd."


# --- Invitations: activating a new account ------------------------------------------------------


class UitnodigingOngeldig(Exception):
    """The link is unknown, used, or expired; `verlopen_op` is set for an expired one."""

    def __init__(self, verlopen_op: datetime | None = None) -> None:
        super().__init__("uitnodiging ongeldig")
        self.verlopen_op = verlopen_op


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def uitnodiging_aanmaken(
    *,
    gebruiker: Gebruiker,
    geldig: timedelta | None = None,
    soort: str = Uitnodiging.Soort.ACTIVEREN,
) -> str:
    """A new single-use link: to activate an account that has no password yet, or (soort
    AUTHENTICATOR) to enrol a new authenticator app after a lost one (B11). Earlier unused
    links of the account stop working. Returns the token for the link (only its hash is
    stored); the caller puts it in a confidential mail."""
    if soort == Uitnodiging.Soort.ACTIVEREN and gebruiker.has_usable_password():
        raise ValidationError(_("Dit account is al geactiveerd."))
    nu = timezone.now()
    Uitnodiging.objects.filter(gebruiker=gebruiker, gebruikt_op__isnull=True).update(verloopt_op=nu)
    token = secrets.token_urlsafe(32)
    if not gebruiker.authenticator_via_link:
        # B11: an invited account enrols its authenticator through the link, never with the
        # password alone.
        gebruiker.authenticator_via_link = True
        gebruiker.save(update_fields=["authenticator_via_link"])
    Uitnodiging.objects.create(
        gebruiker=gebruiker,
        soort=soort,
        token_hash=_token_hash(token),
        aangemaakt_op=nu,
        verloopt_op=nu + (geldig or timedelta(hours=settings.PASSEND_ACTIVATIE_GELDIG_UUR)),
    )
    return token


def uitnodiging_van(token: str, *, soort: str = Uitnodiging.Soort.ACTIVEREN) -> Uitnodiging:
    """The open invitation of this token; UitnodigingOngeldig otherwise."""
    uitnodiging = (
        Uitnodiging.objects.select_related("gebruiker__swv")
        .filter(token_hash=_token_hash(token), soort=soort)
        .first()
    )
    if uitnodiging is None or uitnodiging.gebruikt_op is not None:
        raise UitnodigingOngeldig
    if uitnodiging.verlopen or not uitnodiging.gebruiker.is_active:
        raise UitnodigingOngeldig(verlopen_op=uitnodiging.verloopt_op)
    return uitnodiging


@transaction.atomic
def account_activeren(*, token: str, wachtwoord: str) -> Gebruiker:
    """Sets the first password through the invitation and uses the link up; the authenticator
    app is enrolled next (the login's enrolment step). Raises UitnodigingOngeldig, or a
    ValidationError on `wachtwoord` from the password rules."""
    uitnodiging = uitnodiging_van(token)
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if uitnodiging.gebruikt_op is not None:
        raise UitnodigingOngeldig
    gebruiker = Gebruiker.objects.select_related("swv").get(pk=uitnodiging.gebruiker_id)
    try:
        validate_password(wachtwoord, gebruiker)
    except ValidationError as fout:
        raise ValidationError({"wachtwoord": fout.messages}) from fout
    gebruiker.set_password(wachtwoord)
    gebruiker.save(update_fields=["password"])
    uitnodiging.gebruikt_op = timezone.now()
    uitnodiging.save(update_fields=["gebruikt_op"])
    return gebruiker


@transaction.atomic
def gebruikers_deactiveren(*, gebruikers: Iterable[Gebruiker]) -> int:
    """Switches accounts off (they can no longer log in); their history stays."""
    return Gebruiker.objects.filter(
        pk__in=[gebruiker.pk for gebruiker in gebruikers], is_active=True
    ).update(is_active=False)


@transaction.atomic
def authenticator_link_gebruiken(*, token: str, wachtwoord: str) -> Gebruiker:
    """B11: the mailed link after a lost second factor, with the account's own password (the
    link proves the mailbox, the password the person): uses the link up; the new authenticator
    app is enrolled next (the login's enrolment step). Raises UitnodigingOngeldig, or a
    ValidationError on `wachtwoord`."""
    uitnodiging = uitnodiging_van(token, soort=Uitnodiging.Soort.AUTHENTICATOR)
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if uitnodiging.gebruikt_op is not None:
        raise UitnodigingOngeldig
    gebruiker = Gebruiker.objects.select_related("swv").get(pk=uitnodiging.gebruiker_id)
    if not gebruiker.check_password(wachtwoord):
        raise ValidationError({"wachtwoord": _("Dit wachtwoord klopt niet.")})
    uitnodiging.gebruikt_op = timezone.now()
    uitnodiging.save(update_fields=["gebruikt_op"])
    TOTPDevice.objects.filter(user=gebruiker, confirmed=False).delete()
    return gebruiker


@transaction.atomic
def authenticator_intrekken(*, gebruiker: Gebruiker) -> int:
    """B11: every authenticator of the account stops working at once (the rows go, so a
    session verified with one is no longer verified) and its sessions end; from now on a new
    one is enrolled only through a mailed link, never with the password alone."""
    aantal, _verwijderd = TOTPDevice.objects.filter(user=gebruiker).delete()
    gebruiker.authenticator_via_link = True
    gebruiker.save(update_fields=["authenticator_via_link"])
    sessies_beeindigen(gebruiker=gebruiker)
    return aantal


def sessies_beeindigen(*, gebruiker: Gebruiker) -> int:
    """Ends every session of the account. Sessions are kept in the database (Django's own
    engine, as accounts/sessies.py extends it; settings.SESSION_ENGINE): each one that names
    the account is deleted, so the next request from it is logged out. Other engines have no
    list of sessions; there the account's own checks (inactive, no authenticator) refuse the
    next request instead."""
    if settings.SESSION_ENGINE not in {
        "django.contrib.sessions.backends.db",
        "passend.accounts.sessies",
    }:
        return 0
    from django.contrib.sessions.models import Session

    eigen = [
        sessie.pk
        for sessie in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if sessie.get_decoded().get("_auth_user_id") == str(gebruiker.pk)
    ]
    Session.objects.filter(pk__in=eigen).delete()
    return len(eigen)


def kan_aanmelden(gebruiker: Gebruiker) -> bool:
    """Active, and not past its planned day to stop (R44): from that day on it is refused at
    once, whether or not the nightly switch-off already ran."""
    return gebruiker.is_active and not (
        gebruiker.deactiveren_op and gebruiker.deactiveren_op <= timezone.localdate()
    )


@transaction.atomic
def gebruiker_deactiveren(*, gebruiker: Gebruiker) -> None:
    """Switches one account off now and ends its sessions; its history stays."""
    gebruiker.is_active = False
    gebruiker.save(update_fields=["is_active"])
    sessies_beeindigen(gebruiker=gebruiker)
