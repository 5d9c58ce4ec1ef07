"""The tab "Overlegronde" on the hulpvraag page (R33, R36), added to hulpvragen' registry."""

from django.db.models import Count, Expression, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import ngettext

from passend.hulpvragen.onderdelen import Onderdeel
from passend.overlegrondes.models import Overlegronde
from passend.overlegrondes.rechten import mag_overlegrondes_zien


def _label(aantal: int) -> str:
    return ngettext("%(aantal)d Overlegronde", "%(aantal)d Overlegrondes", aantal) % {
        "aantal": aantal
    }


def _aantal() -> Expression:
    per_hulpvraag = (
        Overlegronde.objects.filter(hulpvraag=OuterRef("pk"))
        .order_by()
        .values("hulpvraag")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Coalesce(Subquery(per_hulpvraag), 0)


OVERLEGRONDES = Onderdeel(
    code="overlegrondes",
    label=_label,
    url_naam="overlegrondes:hulpvraag",
    aantal=_aantal,
    # The school's staff only: the SWV is no party to the school's exchange with third parties.
    zichtbaar_voor=mag_overlegrondes_zien,
    volgorde=20,
)
