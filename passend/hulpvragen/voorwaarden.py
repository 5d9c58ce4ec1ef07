"""Conditions on status transitions that read a hulpvraag's own data: its history, a field
filled (processen/voorwaarden.py holds the registry; apps.py adds these)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.processen.voorwaarden import Voorwaarde, Voorwaardefamilie


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


# Fields of the hulpvraag a transition may require filled ("hulpvraag_ingevuld:<veld>"), with
# the sentence that says what to do.
VELDEN = {
    "omschrijving": (
        gettext_lazy("Omschrijving ingevuld"),
        gettext_lazy("Vul de omschrijving in."),
    ),
    "coordinator": (
        gettext_lazy("Coördinator toegewezen"),
        gettext_lazy("Wijs eerst een coördinator toe (Coördinator en labels, of Oppakken)."),
    ),
}


def _veld_leeg(hulpvraag: Hulpvraag, veld: str) -> list[str]:
    if veld not in VELDEN:
        return [_("Onbekend veld ‘%(veld)s’ van de hulpvraag.") % {"veld": veld}]
    waarde = getattr(hulpvraag, "coordinator_id" if veld == "coordinator" else veld)
    return [] if waarde not in (None, "") and str(waarde).strip() else [str(VELDEN[veld][1])]


HULPVRAAG_INGEVULD = Voorwaardefamilie(
    code="hulpvraag_ingevuld",
    omschrijving=gettext_lazy("Een veld van de hulpvraag is ingevuld: %(argument)s."),
    ontbreekt=_veld_leeg,
    argumenten=lambda _swv_id: [(veld, str(label)) for veld, (label, _zin) in VELDEN.items()],
    waar=lambda hulpvraag, _veld: reverse("hulpvragen:detail", args=[hulpvraag.referentie]),
)
