"""Who sees which hulpvragen (P1, ARCHITECTURE.md rule 2), as QuerySet methods in Open Zaak's
`query.py` style: `Hulpvraag.objects.zichtbaar_voor(gebruiker)`, and for everything that hangs
from a hulpvraag (attachments, history, later forms and reactions) `ViaHulpvraagQuerySet`, so
no app writes its own `hulpvraag__in=`. Lists, search, detail pages, downloads, exports and the
API start here; what is not in these querysets does not exist for the user (a 404, never a 403
that confirms it exists).
"""

from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from django.db import models
from django.db.models import Exists, OuterRef, Q

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import eigen_scholen_voorwaarde, rolfeiten
from passend.core.expressies import IsOneOf
from passend.dossiers.models import Schoolgegevens

if TYPE_CHECKING:
    from passend.hulpvragen.models import Hulpvraag  # noqa: F401

_M = TypeVar("_M", bound=models.Model)


def op_scholen(**scholen: object) -> IsOneOf:
    """Hulpvragen filed under schoolgegevens at these schools. Not a join: PostgreSQL would
    guess a school has two of the SWV's hulpvragen and read all of them (bench/README.md)."""
    return IsOneOf("schoolgegevens", Schoolgegevens.objects.filter(**scholen).values("pk"))


class ZichtbaarheidQuerySet(models.QuerySet[_M]):
    """The one visibility rule of hulpvragen, over `swv`, `schoolgegevens` and whether the SWV
    sees the current status. Hulpvraag has them (the last through its status); the
    Hulpvraagverloop (the Managementoverzicht's summary) keeps copies of them, written in the
    same transaction, so the same rule applies to it without a join back to the hulpvragen or
    to the statuses of every SWV."""

    # Where the current status's `zichtbaar_voor_swv` is read.
    zichtbaar_voor_swv_veld: ClassVar[str] = "status__zichtbaar_voor_swv"

    def zichtbaar_voor(self, gebruiker: Gebruiker) -> Self:
        """School users: their own schools' hulpvragen, in any status. SWV staff: hulpvragen in
        a status visible to the SWV. Application administrators: all of their SWV. Parents and
        external participants: none. Never another SWV."""
        feiten = rolfeiten(gebruiker)
        hulpvragen = self.filter(swv=gebruiker.swv_id)
        if feiten.is_applicatiebeheerder:
            return hulpvragen
        zichtbaar = Q(pk__in=[])
        if feiten.werkt_voor_school:
            zichtbaar |= Q(op_scholen(school__in=eigen_scholen_voorwaarde(gebruiker)))
        if feiten.werkt_voor_swv:
            zichtbaar |= Q(**{self.zichtbaar_voor_swv_veld: True})
        return hulpvragen.filter(zichtbaar)


class HulpvraagQuerySet(ZichtbaarheidQuerySet["Hulpvraag"]):
    pass


class ViaHulpvraagQuerySet(models.QuerySet[Any]):
    """Rows of a model that belongs to a hulpvraag: visible exactly when their hulpvraag is."""

    hulpvraag_veld: ClassVar[str] = "hulpvraag"

    def zichtbaar_voor(self, gebruiker: Gebruiker) -> "ViaHulpvraagQuerySet":
        from passend.hulpvragen.models import Hulpvraag

        zichtbaar = Hulpvraag.objects.zichtbaar_voor(gebruiker).values("pk")
        return self.filter(**{f"{self.hulpvraag_veld}__in": zichtbaar})


def leerlingen_met_zichtbare_hulpvraag(gebruiker: Gebruiker) -> Q:
    """The dossier rule this app adds (`dossiers.query.zichtbaarheidsregel`, apps.py): SWV
    staff see the pupils of the hulpvragen they may see. A school sees its pupils anyway."""
    from passend.hulpvragen.models import Hulpvraag

    if not rolfeiten(gebruiker).werkt_voor_swv:
        return Q(pk__in=[])
    return Q(Exists(Hulpvraag.objects.zichtbaar_voor(gebruiker).filter(leerling=OuterRef("pk"))))
