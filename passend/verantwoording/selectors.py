"""Reads of the access log and the login log for the audit viewer (B8, P2). Always within the
asker's own SWV: the SWV is taken from the account, never from the request. Who may call these
is `verantwoording/rechten.py`; the views log every read (`auditlog_bekeken`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from passend.accounts.models import Gebruiker
from passend.audit.models import Aanmelding, Inzage
from passend.audit.selectors import inzagen_over_leerling
from passend.dossiers.selectors import leerlingen_van_swv_zoeken, leerlingnamen
from passend.verantwoording.forms import KOPPELING, WEB


def _begin(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


def _periode(rijen: QuerySet[Any], filters: dict[str, Any]) -> QuerySet[Any]:
    """Van and tot are whole days in Amsterdam time, tot included."""
    if filters.get("van"):
        rijen = rijen.filter(tijd__gte=_begin(filters["van"]))
    if filters.get("tot"):
        rijen = rijen.filter(tijd__lt=_begin(filters["tot"] + timedelta(days=1)))
    return rijen


def gezochte_leerlingen(door: Gebruiker, tekst: str) -> list[int] | None:
    """The pupil filter as ids: a number is a pupil's id, a name every pupil of the SWV whose
    name has the words typed; None when nothing was typed."""
    tekst = tekst.strip()
    if not tekst:
        return None
    if tekst.isdigit():
        return [int(tekst)]
    return list(
        leerlingen_van_swv_zoeken(swv_id=door.swv_id, tekst=tekst).values_list("pk", flat=True)[
            :500
        ]
    )


def inzagen_zoeken(
    door: Gebruiker, *, leerlingen: list[int] | None = None, **filters: Any
) -> QuerySet[Inzage]:
    """The access log of the asker's SWV, newest first, narrowed by pupil ids, user name,
    hulpvraag, period, action and channel."""
    rijen = Inzage.objects.filter(swv_code=door.swv.code)
    if leerlingen is not None:
        rijen = rijen.filter(leerling_id__in=leerlingen)
    if filters.get("gebruiker"):
        rijen = rijen.filter(gebruikersnaam__iexact=filters["gebruiker"])
    if filters.get("hulpvraag"):
        referentie = filters["hulpvraag"].upper()
        # A hulpvraag's own rows name it as the object; its attachments' and rounds' rows in
        # their details.
        rijen = rijen.filter(
            Q(objecttype=Inzage.Objecttype.HULPVRAAG, object_id=referentie)
            | Q(details__hulpvraag=referentie)
        )
    if filters.get("actie"):
        rijen = rijen.filter(actie=filters["actie"])
    if filters.get("kanaal") == WEB:
        rijen = rijen.filter(systeem="")
    elif filters.get("kanaal") == KOPPELING:
        rijen = rijen.exclude(systeem="")
    return _periode(rijen, filters).order_by("-tijd", "-pk")


def aanmeldingen_zoeken(door: Gebruiker, **filters: Any) -> QuerySet[Aanmelding]:
    """The login events of the asker's SWV, newest first, by user name and period."""
    rijen = Aanmelding.objects.filter(swv_code=door.swv.code)
    if filters.get("gebruiker"):
        rijen = rijen.filter(gebruikersnaam__iexact=filters["gebruiker"])
    return _periode(rijen, filters).order_by("-tijd", "-pk")


def tijdlijn(door: Gebruiker, leerling_id: int) -> QuerySet[Inzage]:
    """One pupil's timeline within the asker's SWV: "wie zag of wijzigde wat"."""
    return inzagen_over_leerling(leerling_id=leerling_id, swv_code=door.swv.code)


def leerling_in_swv(door: Gebruiker, leerling_id: int) -> str | None:
    """The pupil's name when it is a pupil of the asker's SWV, an empty string when the pupil
    is gone but the SWV's log still names it, None otherwise (never another SWV's pupil)."""
    naam = leerlingnamen(swv_id=door.swv_id, leerling_ids=[leerling_id]).get(leerling_id)
    if naam is not None:
        return naam
    return "" if tijdlijn(door, leerling_id).exists() else None


@dataclass(frozen=True)
class Rij:
    """One row as the viewer and the export show it, in NEN 7513's terms."""

    inzage: Inzage
    leerling_naam: str

    @property
    def gebeurtenis(self) -> str:
        return (self.inzage.gebeurtenis or self.inzage.actie).replace("_", " ")

    @property
    def gegeven(self) -> str:
        inzage = self.inzage
        tekst = f"{inzage.get_objecttype_display()} {inzage.object_id}"
        hulpvraag = inzage.details.get("hulpvraag") if isinstance(inzage.details, dict) else None
        return f"{tekst} ({hulpvraag})" if hulpvraag else tekst

    @property
    def client_systeem(self) -> str:
        return self.inzage.systeem or "Passend (web)"


def rijen(inzagen: Iterable[Inzage], *, swv_id: int) -> list[Rij]:
    """The page's rows with the pupils' names, read in one query."""
    inzagen = list(inzagen)
    namen = leerlingnamen(
        swv_id=swv_id, leerling_ids=[i.leerling_id for i in inzagen if i.leerling_id is not None]
    )
    return [Rij(inzage=i, leerling_naam=namen.get(i.leerling_id or 0, "")) for i in inzagen]
