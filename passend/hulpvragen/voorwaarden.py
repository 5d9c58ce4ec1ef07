"""Conditions on status transitions that read a hulpvraag's own data (processen/voorwaarden.py
holds the registry; apps.py adds these)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.processen.voorwaarden import Voorwaarde


def _swv_nog_niet_begonnen(hulpvraag: Hulpvraag) -> list[str]:
    """The SWV took no step yet: the history holds no status the SWV sees other than the
    current one. A request that came back to Aanmelding after "Dossier incompleet" has one."""
    eerder = Statuswijziging.objects.filter(
        hulpvraag=hulpvraag, naar__zichtbaar_voor_swv=True
    ).exclude(naar=hulpvraag.status_id)
    if eerder.exists():
        return [
            _(
                "Het samenwerkingsverband heeft de hulpvraag al in behandeling genomen. Wilt u "
                "hem terugnemen? Overleg met uw schoolcontactpersoon."
            )
        ]
    return []


SWV_NOG_NIET_BEGONNEN = Voorwaarde(
    code="swv_nog_niet_begonnen",
    omschrijving=gettext_lazy(
        "Het samenwerkingsverband nam nog geen stap: de statushistorie heeft geen andere status "
        "die het samenwerkingsverband ziet dan de huidige."
    ),
    ontbreekt=_swv_nog_niet_begonnen,
)
