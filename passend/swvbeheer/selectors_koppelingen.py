"""Reads of SWV-beheer's koppelingen screens (issue 16 item 1): API clients, their schools,
Esis verification codes, the OSO settings and aanvraagtypen of the administrator's own SWV
only. Anything of another SWV is simply not found (the view answers 404)."""

from django.db.models import QuerySet

from passend.accounts.models import Gebruiker
from passend.koppelingen.models import (
    Aanvraagtype,
    ApiClient,
    Osoinstellingen,
    Schoolkoppeling,
    Verificatiecode,
)
from passend.organisaties.models import School
from passend.processen.models import Hulpvraagtitel


def clients_van_swv(door: Gebruiker) -> QuerySet[ApiClient]:
    return ApiClient.objects.filter(swv=door.swv_id).order_by("naam", "pk")


def client_van_swv(door: Gebruiker, pk: int) -> ApiClient | None:
    return clients_van_swv(door).filter(pk=pk).first()


def schoolkoppelingen_van_client(client: ApiClient) -> QuerySet[Schoolkoppeling]:
    return (
        Schoolkoppeling.objects.filter(client=client, school__swv=client.swv_id)
        .select_related("school")
        .order_by("school__naam", "pk")
    )


def schoolkoppeling_van_swv(door: Gebruiker, client: ApiClient, pk: int) -> Schoolkoppeling | None:
    if client.swv_id != door.swv_id:
        return None
    return schoolkoppelingen_van_client(client).filter(pk=pk).first()


def scholen_voor_koppeling(door: Gebruiker) -> QuerySet[School]:
    """The schools a koppeling may name: the SWV's own, none of another."""
    return School.objects.filter(swv=door.swv_id).order_by("naam", "code")


def verificatiecodes_van_swv(door: Gebruiker, *, stand: str = "") -> QuerySet[Verificatiecode]:
    """`stand`: "actief" or "gepauzeerd" for only those; anything else for all."""
    codes = (
        Verificatiecode.objects.filter(school__swv=door.swv_id)
        .select_related("school")
        .order_by("school__naam", "omgeving", "pk")
    )
    if stand == "actief":
        return codes.filter(verwijderd_op=None)
    if stand == "gepauzeerd":
        return codes.exclude(verwijderd_op=None)
    return codes


def verificatiecode_van_swv(door: Gebruiker, pk: int) -> Verificatiecode | None:
    return verificatiecodes_van_swv(door).filter(pk=pk).first()


def osoinstellingen_van_swv(door: Gebruiker) -> Osoinstellingen:
    """The SWV's one row; not yet saved, the model's default (only the attachments), which is
    what the intake keeps without a row (koppelingen.services.oso_te_bewaren)."""
    rij = Osoinstellingen.objects.filter(swv=door.swv_id).first()
    return rij if rij is not None else Osoinstellingen(swv_id=door.swv_id)


def aanvraagtypen_van_swv(door: Gebruiker) -> QuerySet[Aanvraagtype]:
    return (
        Aanvraagtype.objects.filter(swv=door.swv_id)
        .prefetch_related("titels")
        .order_by("code", "pk")
    )


def aanvraagtype_van_swv(door: Gebruiker, pk: int) -> Aanvraagtype | None:
    return aanvraagtypen_van_swv(door).filter(pk=pk).first()


def titels_voor_aanvraagtype(door: Gebruiker) -> QuerySet[Hulpvraagtitel]:
    return Hulpvraagtitel.objects.filter(swv=door.swv_id).order_by("naam", "pk")
