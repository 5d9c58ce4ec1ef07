"""The tab "Formulier" on the hulpvraag page (R24), added to hulpvragen' registry."""

from django.db.models import Count, Expression, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import ngettext

from passend.formulieren.models import Formulier
from passend.hulpvragen.onderdelen import Onderdeel


def _label(aantal: int) -> str:
    return ngettext("%(aantal)d Formulier", "%(aantal)d Formulieren", aantal) % {"aantal": aantal}


def _aantal() -> Expression:
    per_hulpvraag = (
        Formulier.objects.filter(hulpvraag=OuterRef("pk"))
        .order_by()
        .values("hulpvraag")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Coalesce(Subquery(per_hulpvraag), 0)


FORMULIEREN = Onderdeel(
    code="formulieren",
    label=_label,
    url_naam="formulieren:lijst",
    aantal=_aantal,
    # Only where a process attaches forms: no empty tab on every other hulpvraag.
    zichtbaar_voor=lambda _gebruiker, hulpvraag: getattr(hulpvraag, "aantal_formulieren", 0) > 0,
    volgorde=5,
)
