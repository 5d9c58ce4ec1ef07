"""Who sees which pupils (P1, ARCHITECTURE.md rule 2), as QuerySet methods (Open Zaak's
`query.py` style): `Leerling.objects.zichtbaar_voor(gebruiker)`.

A school sees its own pupils here. Who else sees a pupil follows from what they may see of the
pupil's hulpvragen, which the hulpvragen app decides: it adds its rule with
`zichtbaarheidsregel` from its AppConfig, so this app never names it.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import BigIntegerField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import eigen_scholen_voorwaarde, rolfeiten

if TYPE_CHECKING:
    from passend.dossiers.models import Leerling, Schoolgegevens  # noqa: F401

# A rule of a higher app: the pupils (as a condition on Leerling) it lets this account see.
Zichtbaarheidsregel = Callable[[Gebruiker], Q]
_regels: list[Zichtbaarheidsregel] = []


def zichtbaarheidsregel(regel: Zichtbaarheidsregel) -> Zichtbaarheidsregel:
    """Adds a rule; called from a higher app's AppConfig.ready()."""
    if regel not in _regels:
        _regels.append(regel)
    return regel


def swv_als_bigint(swv_id: int) -> Cast:
    """An SWV id typed as bigint. The name index is `gin (swv_id, zoeknaam)`, and
    btree_gin compares a bigint column only with a bigint: with a plain integer PostgreSQL
    uses the index for the name alone and reads every match in the country (bench/README.md)."""
    return Cast(Value(swv_id), output_field=BigIntegerField())


class LeerlingQuerySet(models.QuerySet["Leerling"]):
    def zichtbaar_voor(self, gebruiker: Gebruiker) -> "LeerlingQuerySet":
        """School users: pupils with schoolgegevens at their schools, and dossiers they started
        and have not yet given schoolgegevens. SWV staff who enter dossiers: the dossiers they
        entered. Others: what the added rules allow (SWV staff: pupils with a hulpvraag they
        may see). A school the pupil left still sees the dossier; what it may do with it is
        `dossiers/rechten.py`. Application administrators: all of their SWV.
        Never another SWV."""
        from passend.dossiers.models import Schoolgegevens

        feiten = rolfeiten(gebruiker)
        leerlingen = self.filter(swv=swv_als_bigint(gebruiker.swv_id))
        if feiten.is_applicatiebeheerder:
            return leerlingen
        zichtbaar = Q(pk__in=[])
        if feiten.werkt_voor_school:
            bij_school = Schoolgegevens.objects.filter(leerling=OuterRef("pk"))
            zichtbaar |= Q(
                Exists(bij_school.filter(school__in=eigen_scholen_voorwaarde(gebruiker)))
            ) | Q(~Exists(bij_school), aangemaakt_door=gebruiker)
        if feiten.werkt_voor_swv and feiten.voert_dossiers_in:
            # Direct entry by SWV staff (issue 19 item 11e): a dossier they entered stays
            # theirs to see, also before it has a hulpvraag the SWV sees.
            zichtbaar |= Q(aangemaakt_door=gebruiker)
        for regel in _regels:
            zichtbaar |= regel(gebruiker)
        return leerlingen.filter(zichtbaar)


class SchoolgegevensQuerySet(models.QuerySet["Schoolgegevens"]):
    def zichtbaar_voor(self, gebruiker: Gebruiker) -> "SchoolgegevensQuerySet":
        """Of the pupils one may see: SWV staff see every school's schoolgegevens; a school
        sees only its own, not a previous school's contact after a move."""
        from passend.dossiers.models import Leerling

        zichtbaar = self.filter(leerling__in=Leerling.objects.zichtbaar_voor(gebruiker))
        if rolfeiten(gebruiker).werkt_voor_swv:
            return zichtbaar
        return zichtbaar.filter(school__in=eigen_scholen_voorwaarde(gebruiker))
