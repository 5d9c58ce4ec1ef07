"""Reads of the koppelingen, scoped to the calling client and the school account it acts for:
the client sees only its own requests, of the schools it serves, and only what that account
may see through the web's own visibility rules (P1)."""

from django.db.models import Q, QuerySet

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import eigen_scholen_voorwaarde
from passend.hulpvragen.models import Hulpvraag
from passend.koppelingen.models import Aanvraag, ApiClient, Verificatiecode
from passend.koppelingen.sleutels import verificatiecode_hmac
from passend.organisaties.models import School


def verificatiecode_voor(code: str) -> Verificatiecode | None:
    """The registered code (also a removed one), found by its keyed hash; the caller compares
    the hash once more in constant time."""
    return (
        Verificatiecode.objects.select_related("school__swv")
        .filter(code_hmac=verificatiecode_hmac(code))
        .first()
    )


def scholen_van_client(client: ApiClient) -> QuerySet[School]:
    """An Esis client serves the schools with a live verification code; another client the
    schools that switched it on."""
    if client.soort == ApiClient.Soort.ESIS:
        return School.objects.filter(
            swv=client.swv_id,
            pk__in=Verificatiecode.objects.filter(verwijderd_op=None).values("school"),
        )
    return client.scholen.filter(swv=client.swv_id)


def aanvragen_voor(client: ApiClient, gebruiker: Gebruiker, school: School) -> QuerySet[Aanvraag]:
    """The requests this client sent for this school that the account may see: a draft when the
    account works at the school, a sent request when the account sees its hulpvraag."""
    zichtbaar = Hulpvraag.objects.zichtbaar_voor(gebruiker).values("pk")
    return (
        Aanvraag.objects.filter(client=client, school=school, verwijderd_op=None)
        .filter(
            Q(hulpvraag__isnull=True, school__in=eigen_scholen_voorwaarde(gebruiker))
            | Q(hulpvraag__in=zichtbaar)
        )
        .select_related("school", "hulpvraag__status", "hulpvraag__titel")
    )
