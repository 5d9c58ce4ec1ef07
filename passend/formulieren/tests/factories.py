from datetime import date
from decimal import Decimal

from passend.accounts.models import Gebruiker
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.formulieren.models import Formulier
from passend.formulieren.services import antwoorden_opslaan, ondertekenen
from passend.hulpvragen.models import Hulpvraag

OB_SCHOOLANTWOORDEN = {
    "onderwijsbehoeften": "Structuur en voorspelbaarheid; korte instructie.",
    "basisondersteuning": "Handelingsplan, extra instructie in de groep.",
    "inzet": "Een onderwijsassistent twee ochtenden per week.",
    "bedrag": Decimal("4500.00"),
    "startdatum": date(2027, 1, 4),
    "einddatum": date(2027, 7, 16),
    "ouders_ingestemd": True,
}


def ob_aanvraag_invullen(hulpvraag: Hulpvraag, ib: Gebruiker, directeur: Gebruiker) -> Formulier:
    """The application form of an Ondersteuningsbudget request filled in by the school and
    signed by its directeur, and the OPP attached, as the manual's steps 3 and 4 go: ready to
    submit."""
    opp = bestanden._pdf_bytes(bestanden._pdf_met_tekst(f"OPP bij {hulpvraag.referentie}"))
    toevoegen(hulpvraag, ib, "OPP-januari-2027.pdf", opp, soort="opp")
    formulier = Formulier.objects.get(
        hulpvraag=hulpvraag, versie__definitie__code="aanvraag_ondersteuningsbudget"
    )
    antwoorden_opslaan(
        formulier=formulier,
        door=ib,
        antwoorden={**OB_SCHOOLANTWOORDEN, "bevoegd_gezag": directeur.pk},
    )
    ondertekenen(formulier=formulier, vraag_code="ondertekening_bevoegd_gezag", door=directeur)
    formulier.refresh_from_db()
    return formulier
