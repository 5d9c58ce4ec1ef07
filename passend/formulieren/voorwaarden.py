"""Conditions on status transitions that read forms (registered in apps.py; processen/
voorwaarden.py holds the registry):
- "formulier_compleet:<code>" (R23, R29): the form with that code is on the hulpvraag and every
  required question shown, signatures included, is answered;
- "formulier_antwoord:<code>.<vraag>=<keuze>" (R27): that question's answer is that choice,
  written as a code ("Toegekend" is toegekend), so a status follows the decision in the form:
  "Gearrangeerd budget" only when the Besluit says Toegekend."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.core.normalize import code_uit_naam
from passend.formulieren.definitie import Soort
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
        if vraag.soort != Soort.ONDERTEKENING
        else _("%(formulier)s: ‘%(vraag)s’ is nog niet ondertekend.")
        % {"formulier": definitie.naam, "vraag": vraag.vraag}
        for vraag in ontbrekend(formulier)
    ]


def _antwoord_anders(hulpvraag: Hulpvraag, argument: str) -> list[str]:
    verwijzing, _is, gewenst = argument.partition("=")
    code, _punt, vraagcode = verwijzing.partition(".")
    formulier = (
        Formulier.objects.filter(hulpvraag=hulpvraag, versie__definitie__code=code)
        .select_related("versie__definitie")
        .first()
    )
    vraag = formulier.definitie.vraag(vraagcode) if formulier else None
    if formulier is None or vraag is None:
        return [
            _("Het formulier ‘%(code)s’ met deze vraag hoort niet bij deze hulpvraag.")
            % {"code": code}
        ]
    antwoord = formulier.antwoorden.get(vraagcode)
    if isinstance(antwoord, str) and code_uit_naam(antwoord) == gewenst:
        return []
    keuze = next((k for k in vraag.keuzes if code_uit_naam(k) == gewenst), gewenst)
    return [
        _("%(formulier)s: het antwoord op ‘%(vraag)s’ is niet ‘%(keuze)s’.")
        % {"formulier": formulier.versie.definitie.naam, "vraag": vraag.vraag, "keuze": keuze}
    ]


def _formulier_url(hulpvraag: Hulpvraag, argument: str) -> str:
    """The form the condition names on this hulpvraag (the forms tab if it has none)."""
    code = argument.partition(".")[0]
    formulier = Formulier.objects.filter(hulpvraag=hulpvraag, versie__definitie__code=code).first()
    if formulier is None:
        return reverse("formulieren:lijst", args=[hulpvraag.referentie])
    return reverse("formulieren:tonen", args=[hulpvraag.referentie, formulier.pk])


def _formulieren_van(swv_id: int) -> list[tuple[str, str]]:
    return [
        (d.code, str(_("Formulier ‘%(naam)s’ is compleet") % {"naam": d.naam}))
        for d in Formulierdefinitie.objects.filter(swv=swv_id).order_by("naam")
    ]


def _keuzeantwoorden_van(swv_id: int) -> list[tuple[str, str]]:
    """Every choice of every choice question in the current version of the SWV's forms."""
    keuzes = []
    for definitie in Formulierdefinitie.objects.filter(swv=swv_id).order_by("naam"):
        versie = definitie.huidige_versie()
        for vraag in versie.definitie_gelezen.vragen if versie else ():
            for keuze in vraag.keuzes if vraag.soort == Soort.KEUZE else ():
                keuzes.append(
                    (
                        f"{definitie.code}.{vraag.code}={code_uit_naam(keuze)}",
                        f"{definitie.naam}: {vraag.vraag} = {keuze}",
                    )
                )
    return keuzes


FORMULIER_ANTWOORD_FAMILIE = Voorwaardefamilie(
    code="formulier_antwoord",
    omschrijving=gettext_lazy(
        "Een antwoord in een formulier is een bepaalde keuze (formulier.vraag=keuze): %(argument)s."
    ),
    ontbreekt=_antwoord_anders,
    argumenten=_keuzeantwoorden_van,
    waar=_formulier_url,
)


FORMULIER_COMPLEET_FAMILIE = Voorwaardefamilie(
    code=FORMULIER_COMPLEET,
    omschrijving=gettext_lazy(
        "Het formulier met code %(argument)s is compleet: elke verplichte vraag is ingevuld en "
        "ondertekend."
    ),
    ontbreekt=_formulier_ontbreekt,
    argumenten=_formulieren_van,
    waar=_formulier_url,
)
