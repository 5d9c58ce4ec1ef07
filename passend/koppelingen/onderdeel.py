"""The "OSO-gegevens" button on the hulpvraag page (issue 15), added to hulpvragen' registry;
only on a hulpvraag that came in through OSO."""

from django.db.models import BooleanField, Exists, Expression, ExpressionWrapper, OuterRef
from django.utils.translation import gettext

from passend.hulpvragen.onderdelen import Onderdeel
from passend.koppelingen.models import Osogegevens


def _aantal() -> Expression:
    return ExpressionWrapper(
        Exists(Osogegevens.objects.filter(hulpvraag=OuterRef("pk"))), output_field=BooleanField()
    )


OSO_GEGEVENS = Onderdeel(
    code="oso",
    label=lambda _aantal: gettext("OSO-gegevens"),
    url_naam="koppelingen:oso_gegevens",
    aantal=_aantal,
    zichtbaar_voor=lambda _gebruiker, hulpvraag: bool(getattr(hulpvraag, "aantal_oso", False)),
    volgorde=20,
)
