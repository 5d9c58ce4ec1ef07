"""Reads of SWV-beheer, always within the administrator's own SWV."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts import rollen
from passend.accounts.models import Gebruiker, Rol
from passend.formulieren.models import Formulier
from passend.hulpvragen.models import Hulpvraag
from passend.organisaties.models import Bestuur, School
from passend.overlegrondes.models import Overlegronde


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
class Wisselvoorstel:
    """R44: what a staff change from `vertrekkend` to `nieuw` moves, and what it only lists."""

    hulpvragen: list[Hulpvraag]  # open; their schoolgegevens move to the new account
    formulieren: list[Formulier]  # bevoegd gezag: listed, changed on the form itself
    overlegrondes: list[Overlegronde]  # listed
    scholen_zonder_nieuw: list[School]  # schools of the hulpvragen the new account lacks


def wisselvoorstel(vertrekkend: Gebruiker, nieuw: Gebruiker | None) -> Wisselvoorstel:
    """Open hulpvragen (status not final) whose schoolgegevens name the leaving account as
    aanvrager, or its e-mail as the contact's address."""
    hulpvragen = list(
        Hulpvraag.objects.filter(swv=vertrekkend.swv_id, status__eindstatus=False)
        .filter(
            Q(schoolgegevens__aanvrager=vertrekkend)
            | Q(schoolgegevens__email__iexact=vertrekkend.email)
        )
        .select_related("status", "titel", "schoolgegevens__school", "schoolgegevens__aanvrager")
        .order_by("referentie")
    )
    werk = open_werk(vertrekkend)
    ontbrekend: list[School] = []
    if nieuw is not None:
        eigen = set(nieuw.scholen.values_list("pk", flat=True))
        for hulpvraag in hulpvragen:
            school = hulpvraag.schoolgegevens.school
            if school.pk not in eigen and school not in ontbrekend:
                ontbrekend.append(school)
    return Wisselvoorstel(hulpvragen, werk.formulieren, werk.overlegrondes, ontbrekend)


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
