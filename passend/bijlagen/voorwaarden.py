"""The condition "bijlage_van_type:<code>" on a status transition (issue 12: "OB aanvraag
indienen" only with an OPP attached): the hulpvraag has an attachment of that kind of document.
Registered in apps.py; processen/voorwaarden.py holds the registry."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.bijlagen.models import Bijlage, Documenttype
from passend.hulpvragen.models import Hulpvraag
from passend.processen.voorwaarden import Voorwaardefamilie


def _bijlage_ontbreekt(hulpvraag: Hulpvraag, code: str) -> list[str]:
    soort = Documenttype.objects.filter(swv=hulpvraag.swv_id, code=code).first()
    if soort is None:
        return [
            _("Het soort document ‘%(code)s’ bestaat niet in dit samenwerkingsverband.")
            % {"code": code}
        ]
    if Bijlage.objects.filter(hulpvraag=hulpvraag, documenttype=soort).exists():
        return []
    return [
        _("Voeg een bijlage van het soort ‘%(soort)s’ toe (knop Bijlagen).") % {"soort": soort.naam}
    ]


def _soorten_van(swv_id: int) -> list[tuple[str, str]]:
    return [
        (soort.code, str(_("Een bijlage van het soort ‘%(soort)s’") % {"soort": soort.naam}))
        for soort in Documenttype.objects.filter(swv=swv_id).order_by("volgorde", "naam")
    ]


BIJLAGE_VAN_TYPE = Voorwaardefamilie(
    code="bijlage_van_type",
    omschrijving=gettext_lazy(
        "De hulpvraag heeft een bijlage van het soort met code %(argument)s."
    ),
    ontbreekt=_bijlage_ontbreekt,
    argumenten=_soorten_van,
    waar=lambda hulpvraag, _code: reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
)
