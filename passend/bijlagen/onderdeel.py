"""The "N Bijlagen" button on the hulpvraag page (R17, R53), added to hulpvragen' registry."""

from django.db.models import Count, Expression, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import ngettext

from passend.bijlagen.models import Bijlage
from passend.hulpvragen.onderdelen import Onderdeel


def _label(aantal: int) -> str:
    return ngettext("%(aantal)d Bijlage", "%(aantal)d Bijlagen", aantal) % {"aantal": aantal}


def _aantal() -> Expression:
    per_hulpvraag = (
        Bijlage.objects.filter(hulpvraag=OuterRef("pk"))
        .order_by()
        .values("hulpvraag")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Coalesce(Subquery(per_hulpvraag), 0)


BIJLAGEN = Onderdeel(
    code="bijlagen", label=_label, url_naam="bijlagen:lijst", aantal=_aantal, volgorde=10
)
