"""The condition "formulier_compleet:<code>" on a status transition (R23, R29): the form with
that code is on the hulpvraag and every required question shown, signatures included, is
answered. Registered in apps.py; processen/voorwaarden.py holds the registry."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.formulieren.models import Formulier, Formulierdefinitie
from passend.formulieren.services import ontbrekend
from passend.hulpvragen.models import Hulpvraag
from passend.processen.voorwaarden import Voorwaardefamilie

FORMULIER_COMPLEET = "formulier_compleet"


def _formulier_ontbreekt(hulpvraag: Hulpvraag, code: str) -> list[str]:
    definitie = Formulierdefinitie.objects.filter(swv=hulpvraag.swv_id, code=code).first()
    if definitie is None:
        return [
            _("Het formulier ‘%(code)s’ bestaat niet in dit samenwerkingsverband.") % {"code": code}
        ]
    formulier = (
        Formulier.objects.filter(hulpvraag=hulpvraag, versie__definitie=definitie)
        .select_related("versie__definitie", "hulpvraag")
        .first()
    )
    if formulier is None:
        return [
            _("Het formulier %(naam)s hoort bij deze hulpvraag maar ontbreekt.")
            % {"naam": definitie.naam}
        ]
    return [
        _("%(formulier)s: ‘%(vraag)s’ is nog niet ingevuld.")
        % {"formulier": definitie.naam, "vraag": vraag.vraag}
        if vraag.soort != "ondertekening"
        else _("%(formulier)s: ‘%(vraag)s’ is nog niet ondertekend.")
        % {"formulier": definitie.naam, "vraag": vraag.vraag}
        for vraag in ontbrekend(formulier)
    ]


FORMULIER_COMPLEET_FAMILIE = Voorwaardefamilie(
    code=FORMULIER_COMPLEET,
    omschrijving=gettext_lazy(
        "Het formulier met code %(argument)s is compleet: elke verplichte vraag is ingevuld en "
        "ondertekend."
    ),
    ontbreekt=_formulier_ontbreekt,
)
