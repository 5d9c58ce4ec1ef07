"""Reads of SWV-beheer, always within the administrator's own SWV."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts import rollen
from passend.accounts.models import Gebruiker, Rol
from passend.accounts.rechten import eigen_scholen_voorwaarde, werkt_op_school
from passend.core.tijd import datum_tekst
from passend.formulieren.definitie import Soort
from passend.formulieren.models import Formulier, Ondertekening
from passend.formulieren.services import kiesbare_accounts
from passend.hulpvragen.models import Hulpvraag
from passend.organisaties.models import Bestuur, School
from passend.overlegrondes.models import Deelnemer, Overlegronde
from passend.swvbeheer.models import Wijzigingsverzoek
from passend.swvbeheer.rechten import mag_accounts_beheren, mag_wijzigingsverzoeken_indienen


def accounts_van_swv(
    door: Gebruiker,
    *,
    rol: str = "",
    school: int | None = None,
    actief: str = "",
    laatst_aangemeld: str = "",
    authenticator: str = "",
    zoek: str = "",
) -> QuerySet[Gebruiker]:
    """R42: the SWV's accounts with filters; roles and schools in two fixed extra queries."""
    qs = (
        Gebruiker.objects.filter(swv=door.swv_id)
        .annotate(
            heeft_authenticator=Exists(
                TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
            )
        )
        .prefetch_related(
            Prefetch("rollen", queryset=Rol.objects.order_by("naam")),
            Prefetch("scholen", queryset=School.objects.order_by("naam")),
        )
        .order_by("achternaam", "voornaam", "pk")
    )
    if rol:
        qs = qs.filter(rollen__code=rol)
    if school:
        qs = qs.filter(scholen=school)
    if actief == "ja":
        qs = qs.filter(is_active=True)
    elif actief == "nee":
        qs = qs.filter(is_active=False)
    if laatst_aangemeld == "nooit":
        qs = qs.filter(last_login__isnull=True)
    elif laatst_aangemeld.isdigit():
        qs = qs.filter(
            Q(last_login__isnull=True)
            | Q(last_login__lt=timezone.now() - timedelta(days=int(laatst_aangemeld)))
        )
    if authenticator == "ja":
        qs = qs.filter(heeft_authenticator=True)
    elif authenticator == "nee":
        qs = qs.filter(heeft_authenticator=False)
    if zoek.strip():
        for woord in zoek.split():
            qs = qs.filter(
                Q(gebruikersnaam__icontains=woord)
                | Q(voornaam__icontains=woord)
                | Q(achternaam__icontains=woord)
                | Q(email__icontains=woord)
            )
    return qs.distinct() if (rol or school) else qs


def account_van_swv(door: Gebruiker, pk: int) -> Gebruiker | None:
    return (
        Gebruiker.objects.filter(swv=door.swv_id, pk=pk)
        .select_related("swv")
        .annotate(
            heeft_authenticator=Exists(
                TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
            )
        )
        .first()
    )


def andere_actieve_beheerders(account: Gebruiker, *, op: date | None = None) -> int:
    """The SWV's other application administrators still active (on day `op`)."""
    qs = Gebruiker.objects.filter(
        swv=account.swv_id, is_active=True, rollen__code=rollen.APPLICATIEBEHEERDER
    ).exclude(pk=account.pk)
    if op is not None:
        qs = qs.filter(Q(deactiveren_op__isnull=True) | Q(deactiveren_op__gt=op))
    return qs.distinct().count()


@dataclass
class OpenWerk:
    """R44: what an account still holds open, for deactivation and the staff change."""

    hulpvragen_aanvrager: list[Hulpvraag]
    hulpvragen_coordinator: list[Hulpvraag]
    formulieren: list[Formulier]
    overlegrondes: list[Overlegronde]

    @property
    def leeg(self) -> bool:
        return not (
            self.hulpvragen_aanvrager
            or self.hulpvragen_coordinator
            or self.formulieren
            or self.overlegrondes
        )

    @property
    def aantallen(self) -> dict[str, Any]:
        return {
            "hulpvragen_aanvrager": len(self.hulpvragen_aanvrager),
            "hulpvragen_coordinator": len(self.hulpvragen_coordinator),
            "formulieren": len(self.formulieren),
            "overlegrondes": len(self.overlegrondes),
        }


def open_werk(account: Gebruiker) -> OpenWerk:
    """Open hulpvragen (status not final) where the account is aanvrager (its schoolgegevens)
    or coördinator, open forms where it is bevoegd gezag, and running overlegrondes it started
    or takes part in. Only the account's own SWV."""
    open_hulpvragen = Hulpvraag.objects.filter(swv=account.swv_id, status__eindstatus=False)
    met = ("status", "titel", "schoolgegevens__school", "schoolgegevens__aanvrager")
    aanvrager = list(
        open_hulpvragen.filter(schoolgegevens__aanvrager=account)
        .select_related(*met)
        .order_by("referentie")
    )
    coordinator = list(
        open_hulpvragen.filter(coordinator=account).select_related(*met).order_by("referentie")
    )
    formulieren = list(
        Formulier.objects.filter(
            hulpvraag__swv=account.swv_id,
            hulpvraag__status__eindstatus=False,
            bevoegd_gezag=account,
        )
        .select_related("hulpvraag", "versie__definitie")
        .order_by("hulpvraag__referentie", "pk")
    )
    overlegrondes = list(
        Overlegronde.objects.filter(
            Q(aangemaakt_door=account) | Q(deelnemers__gebruiker=account),
            swv=account.swv_id,
            gesloten_op__isnull=True,
            einddatum_inzage__gte=timezone.localdate(),
        )
        .select_related("hulpvraag")
        .distinct()
        .order_by("einddatum_inzage", "pk")
    )
    return OpenWerk(aanvrager, coordinator, formulieren, overlegrondes)


@dataclass
class Formulierwissel:
    """R44: an unfinished form on which the leaving account is bevoegd gezag. `reden` empty:
    it moves (the bevoegd gezag and every account answer naming the leaving account);
    otherwise why it stays as it is."""

    formulier: Formulier
    vragen: list[str]  # codes of the account questions answered with the leaving account
    reden: str = ""


@dataclass
class Rondewissel:
    """R44: a running overlegronde the leaving account started (`aanmaker`) or takes part in
    (`deelnemer`). `reden` empty: it moves; otherwise why it stays."""

    overlegronde: Overlegronde
    aanmaker: bool
    deelnemer: bool
    reden: str = ""


@dataclass
class Wisselvoorstel:
    """R44: what a staff change from `vertrekkend` to `nieuw` moves, and what it leaves."""

    hulpvragen: list[Hulpvraag]  # open; their schoolgegevens move to the new account
    formulieren: list[Formulierwissel]
    overlegrondes: list[Rondewissel]
    scholen_zonder_nieuw: list[School]  # schools of the hulpvragen the new account lacks

    @property
    def formulieren_over(self) -> list[Formulierwissel]:
        return [f for f in self.formulieren if not f.reden]

    @property
    def formulieren_blijven(self) -> list[Formulierwissel]:
        return [f for f in self.formulieren if f.reden]

    @property
    def overlegrondes_over(self) -> list[Rondewissel]:
        return [r for r in self.overlegrondes if not r.reden]

    @property
    def overlegrondes_blijven(self) -> list[Rondewissel]:
        return [r for r in self.overlegrondes if r.reden]

    @property
    def iets_over(self) -> bool:
        return bool(self.hulpvragen or self.formulieren_over or self.overlegrondes_over)


def _formulierwissels(vertrekkend: Gebruiker, nieuw: Gebruiker | None) -> list[Formulierwissel]:
    """Unfinished forms (not submitted, hulpvraag open) with the leaving account as bevoegd
    gezag. A form with a standing signature stays: a signature is never rewritten, and while
    it stands nobody changes the answers it was given to. Submitted forms are history."""
    formulieren = (
        Formulier.objects.filter(
            hulpvraag__swv=vertrekkend.swv_id,
            hulpvraag__status__eindstatus=False,
            ingediend_op__isnull=True,
            bevoegd_gezag=vertrekkend,
        )
        .select_related("hulpvraag__schoolgegevens", "versie__definitie")
        .prefetch_related(
            Prefetch(
                "ondertekeningen",
                queryset=Ondertekening.objects.filter(ingetrokken_op__isnull=True).select_related(
                    "door"
                ),
                to_attr="geldige_ondertekeningen",
            )
        )
        .order_by("hulpvraag__referentie", "pk")
    )
    wissels = []
    for formulier in formulieren:
        definitie = formulier.definitie
        vragen = [
            vraag
            for vraag in definitie.vragen
            if vraag.soort == Soort.ACCOUNT
            and formulier.antwoorden.get(vraag.code) == vertrekkend.pk
        ]
        reden = ""
        getekend = formulier.geldige_ondertekeningen  # type: ignore[attr-defined]
        if getekend:
            ondertekening = getekend[0]
            reden = _(
                "Ondertekend door %(naam)s op %(datum)s. Een ondertekening blijft staan; de "
                "school kan het formulier zo indienen."
            ) % {
                "naam": ondertekening.door.volledige_naam,
                "datum": datum_tekst(ondertekening.op),
            }
        elif nieuw is not None:
            for vraag in vragen:
                if nieuw not in kiesbare_accounts(formulier, vraag):
                    reden = _(
                        "%(naam)s kan hier niet gekozen worden bij ‘%(vraag)s’ (rol of school "
                        "ontbreekt). De school kiest op het formulier een ander account."
                    ) % {"naam": nieuw.volledige_naam, "vraag": vraag.vraag}
                    break
        wissels.append(Formulierwissel(formulier, [vraag.code for vraag in vragen], reden))
    return wissels


def _rondewissels(vertrekkend: Gebruiker, nieuw: Gebruiker | None) -> list[Rondewissel]:
    """Running rounds (not closed, inzage not over) the leaving account started or takes part
    in. The one who started a round manages it as the school's staff, so a new starter must
    work at the round's school."""
    rondes = (
        Overlegronde.objects.filter(
            Q(aangemaakt_door=vertrekkend) | Q(deelnemers__gebruiker=vertrekkend),
            swv=vertrekkend.swv_id,
            gesloten_op__isnull=True,
            einddatum_inzage__gte=timezone.localdate(),
        )
        .select_related("hulpvraag__schoolgegevens__school")
        .distinct()
        .order_by("einddatum_inzage", "pk")
    )
    deelnames = set(
        Deelnemer.objects.filter(
            gebruiker=vertrekkend, overlegronde__in=[r.pk for r in rondes]
        ).values_list("overlegronde_id", flat=True)
    )
    wissels = []
    for ronde in rondes:
        aanmaker = ronde.aangemaakt_door_id == vertrekkend.pk
        reden = ""
        school = ronde.hulpvraag.schoolgegevens.school
        if aanmaker and nieuw is not None and not werkt_op_school(nieuw, school.pk):
            reden = _(
                "%(naam)s werkt niet op %(school)s en kan deze overlegronde niet beheren."
            ) % {"naam": nieuw.volledige_naam, "school": school.naam}
        wissels.append(Rondewissel(ronde, aanmaker, ronde.pk in deelnames, reden))
    return wissels


def wisselvoorstel(vertrekkend: Gebruiker, nieuw: Gebruiker | None) -> Wisselvoorstel:
    """Open hulpvragen (status not final) whose schoolgegevens name the leaving account as
    aanvrager, or its e-mail as the contact's address; its unfinished forms as bevoegd gezag;
    its running overlegrondes."""
    hulpvragen = list(
        Hulpvraag.objects.filter(swv=vertrekkend.swv_id, status__eindstatus=False)
        .filter(
            Q(schoolgegevens__aanvrager=vertrekkend)
            | Q(schoolgegevens__email__iexact=vertrekkend.email)
        )
        .select_related("status", "titel", "schoolgegevens__school", "schoolgegevens__aanvrager")
        .order_by("referentie")
    )
    ontbrekend: list[School] = []
    if nieuw is not None:
        eigen = set(nieuw.scholen.values_list("pk", flat=True))
        for hulpvraag in hulpvragen:
            school = hulpvraag.schoolgegevens.school
            if school.pk not in eigen and school not in ontbrekend:
                ontbrekend.append(school)
    return Wisselvoorstel(
        hulpvragen,
        _formulierwissels(vertrekkend, nieuw),
        _rondewissels(vertrekkend, nieuw),
        ontbrekend,
    )


def scholen_van_swv(door: Gebruiker) -> QuerySet[School]:
    """R45: the SWV's schools with regio and bestuur, in one query."""
    return (
        School.objects.filter(swv=door.swv_id)
        .select_related("regio", "bestuur", "opgegaan_in")
        .order_by("naam", "code")
    )


def school_van_swv(door: Gebruiker, pk: int) -> School | None:
    return scholen_van_swv(door).filter(pk=pk).first()


def open_hulpvragen_van_school(school: School) -> list[Hulpvraag]:
    """The school's hulpvragen whose status is not final: listed when it closes."""
    return list(
        Hulpvraag.objects.filter(schoolgegevens__school=school, status__eindstatus=False)
        .select_related("status", "titel")
        .order_by("referentie")
    )


def besturen_van_swv(door: Gebruiker) -> QuerySet[Bestuur]:
    """R33: the SWV's besturen with their verwerkersovereenkomst, in one query."""
    return Bestuur.objects.filter(swv=door.swv_id).order_by("naam", "nummer")


def bestuur_van_swv(door: Gebruiker, pk: int) -> Bestuur | None:
    return besturen_van_swv(door).filter(pk=pk).first()


# --- Wijzigingsverzoeken (R44) -----------------------------------------------------------------


def _verzoeken() -> QuerySet[Wijzigingsverzoek]:
    return Wijzigingsverzoek.objects.select_related(
        "school", "vertrekkend", "ingediend_door", "afgehandeld_door"
    )


def wijzigingsverzoeken_van_school(gebruiker: Gebruiker) -> QuerySet[Wijzigingsverzoek]:
    """The requests of the user's own schools, for those who may file them; nobody else's."""
    if not mag_wijzigingsverzoeken_indienen(gebruiker):
        return Wijzigingsverzoek.objects.none()
    return _verzoeken().filter(swv=gebruiker.swv_id, school__in=eigen_scholen_voorwaarde(gebruiker))


def wijzigingsverzoeken_van_swv(door: Gebruiker, *, stand: str = "") -> QuerySet[Wijzigingsverzoek]:
    """The SWV's requests for its application administrator; open ones oldest first (work
    to do), handled ones newest first."""
    if not mag_accounts_beheren(door):
        return Wijzigingsverzoek.objects.none()
    qs = _verzoeken().filter(swv=door.swv_id)
    if stand == Wijzigingsverzoek.Stand.AFGEHANDELD:
        return qs.filter(stand=stand).order_by("-afgehandeld_op", "-pk")
    return qs.filter(stand=Wijzigingsverzoek.Stand.OPEN).order_by("ingediend_op", "pk")


def wijzigingsverzoek_van_swv(door: Gebruiker, pk: int) -> Wijzigingsverzoek | None:
    if not mag_accounts_beheren(door):
        return None
    return _verzoeken().filter(swv=door.swv_id, pk=pk).first()


def open_wijzigingsverzoeken(door: Gebruiker) -> int:
    return wijzigingsverzoeken_van_swv(door).count()


def nieuw_account_bij_verzoek(verzoek: Wijzigingsverzoek) -> Gebruiker | None:
    """The SWV's active school account with the new person's e-mail, if it exists already:
    the staff-change screen can then open prefilled with both accounts."""
    if not verzoek.nieuwe_email:
        return None
    return (
        Gebruiker.objects.filter(
            swv=verzoek.swv_id,
            is_active=True,
            email__iexact=verzoek.nieuwe_email,
            rollen__kant=Rol.Kant.SCHOOL,
        )
        .distinct()
        .first()
    )


def collegas_voor_verzoek(gebruiker: Gebruiker) -> QuerySet[Gebruiker]:
    """Who may be named as leaving: accounts of the filer's own schools (the filer too)."""
    return (
        Gebruiker.objects.filter(
            swv=gebruiker.swv_id,
            scholen__in=eigen_scholen_voorwaarde(gebruiker),
            rollen__kant=Rol.Kant.SCHOOL,
        )
        .distinct()
        .order_by("achternaam", "voornaam", "pk")
    )
