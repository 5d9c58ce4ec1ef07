"""Who sees which overlegrondes (P1, R39, R40), as QuerySet methods like hulpvragen' query.py.

- Content (onderwerp, omschrijving, dossier, shared attachments, reactions): the staff of the
  school the hulpvraag was filed under, and the round's participants until the einddatum inzage
  (or until the round was closed), checked against today's date on every request: a session
  opened before the deadline sees nothing after it.
- Metadata (who, which hulpvraag reference, dates): also the SWV's application administrators,
  for their verantwoording, never the content.

A participant sees the hulpvraag only through its round: hulpvragen' own pages (detail,
attachments, forms, history) stay closed to them, so nothing outside the round is reachable.
"""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import eigen_scholen_voorwaarde, rolfeiten

if TYPE_CHECKING:
    from passend.overlegrondes.models import Overlegronde  # noqa: F401


def _lopend() -> Q:
    return Q(gesloten_op__isnull=True, einddatum_inzage__gte=timezone.localdate())


class OverlegrondeQuerySet(models.QuerySet["Overlegronde"]):
    def van_school(self, gebruiker: Gebruiker) -> "OverlegrondeQuerySet":
        """Rounds about hulpvragen of the user's own schools (school staff only)."""
        if not rolfeiten(gebruiker).werkt_voor_school:
            return self.none()
        return self.filter(
            swv=gebruiker.swv_id,
            hulpvraag__schoolgegevens__school__in=eigen_scholen_voorwaarde(gebruiker),
        )

    def als_deelnemer(self, gebruiker: Gebruiker) -> "OverlegrondeQuerySet":
        """Every round the user takes part in, expired or not (for the expiry message)."""
        return self.filter(swv=gebruiker.swv_id, deelnemers__gebruiker=gebruiker)

    def zichtbaar_voor(self, gebruiker: Gebruiker) -> "OverlegrondeQuerySet":
        """The rounds whose content the user may see today."""
        van_school = self.van_school(gebruiker).values("pk")
        lopend_deelnemer = self.als_deelnemer(gebruiker).filter(_lopend()).values("pk")
        return self.filter(swv=gebruiker.swv_id).filter(
            Q(pk__in=van_school) | Q(pk__in=lopend_deelnemer)
        )

    def metadata_zichtbaar_voor(self, gebruiker: Gebruiker) -> "OverlegrondeQuerySet":
        """Rounds the user may see listed (dates, participants, reference): the application
        administrator all of the SWV's, others the ones whose content they see."""
        if rolfeiten(gebruiker).is_applicatiebeheerder:
            return self.filter(swv=gebruiker.swv_id)
        return self.zichtbaar_voor(gebruiker)


class ViaOverlegrondeQuerySet(models.QuerySet[Any]):
    """Rows of a round (participants, reactions): visible exactly when the round's content is."""

    def zichtbaar_voor(self, gebruiker: Gebruiker) -> "ViaOverlegrondeQuerySet":
        from passend.overlegrondes.models import Overlegronde

        zichtbaar = Overlegronde.objects.zichtbaar_voor(gebruiker).values("pk")
        return self.filter(overlegronde__in=zichtbaar)
