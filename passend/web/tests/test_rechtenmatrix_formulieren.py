"""The role x object x action matrix for forms (issue 12, R24, R27), the Termijnen page and
"Oppakken" (B5, R32): every role of test_rechtenmatrix.py, both SWVs, through the screens.

Objects:
  aanvraag  the Aanvraag Ondersteuningsbudget of the matrix's "voorlopig" request (OB voorlopige
            aanvraag, invisible to the SWV), filled in by the school and signed by its directeur.
  besluit   the Besluit aanvraag ondersteuningsbudget of a second OB request of De Regenboog,
            submitted and "OB in behandeling": the regiomanager drafts it; the school does not
            see a decision before it is made.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from passend.audit.models import Inzage
from passend.formulieren.forms import FormulierInvullenForm
from passend.formulieren.models import Formulier, Ondertekening
from passend.formulieren.rechten import schrijfbare_vragen
from passend.formulieren.services import ondertekening_intrekken
from passend.formulieren.tests.factories import ob_aanvraag_invullen
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.processen.models import Status
from passend.web.tests.test_rechtenmatrix import ROLLEN, Matrix, Tabel
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

OBJECTEN = ("aanvraag", "besluit")

# Signs as in test_rechtenmatrix.py: + allowed (200 and shown, or 302 and stored), - a 404 and
# nothing stored or logged. Ondertekenen: the bevoegd-gezag signature, by the directeur the
# school chose (the setup withdrew the signature it had placed).
# fmt: off
FORMULIEREN: Tabel = {
    #                       lijst  tonen  pdf    bewerken  ondertekenen
    "ib":                  ("+-", "+-",  "+-",  "+-",  "--"),
    "directeur":           ("+-", "+-",  "+-",  "+-",  "+-"),
    "ib_kompas":           ("--", "--",  "--",  "--",  "--"),
    "scp":                 ("-+", "-+",  "-+",  "--",  "--"),
    "coordinator":         ("-+", "-+",  "-+",  "--",  "--"),
    "tlv_administratie":   ("-+", "-+",  "-+",  "--",  "--"),
    "deskundige":          ("-+", "-+",  "-+",  "--",  "--"),
    "regiomanager":        ("-+", "-+",  "-+",  "-+",  "--"),
    "beheerder":           ("++", "++",  "++",  "--",  "--"),
    "ouder":               ("--", "--",  "--",  "--",  "--"),
    "externe_deelnemer":   ("--", "--",  "--",  "--",  "--"),
    "ib_ander_swv":        ("--", "--",  "--",  "--",  "--"),
    "beheerder_ander_swv": ("--", "--",  "--",  "--",  "--"),
}
# Account pages: Termijnen (SWV staff of their own SWV); Oppakken of an unassigned TLV -Nieuw
# of Het Kompas, whose process names the TLV-administratie as its function.
PAGINAS: Tabel = {
    #                       termijnen  oppakken
    "ib":                  ("-",       "-"),
    "directeur":           ("-",       "-"),
    "ib_kompas":           ("-",       "-"),
    "scp":                 ("+",       "-"),
    "coordinator":         ("+",       "-"),
    "tlv_administratie":   ("+",       "+"),
    "deskundige":          ("+",       "-"),
    "regiomanager":        ("+",       "-"),
    "beheerder":           ("+",       "-"),
    "ouder":               ("-",       "-"),
    "externe_deelnemer":   ("-",       "-"),
    "ib_ander_swv":        ("-",       "-"),
    "beheerder_ander_swv": ("+",       "-"),
}
# fmt: on
ACTIES = ("lijst", "tonen", "pdf", "bewerken", "ondertekenen")
PAGINA_ACTIES = ("termijnen", "oppakken")
NIEUW = {
    "aanvraag": ("inzet", "Een assistent, drie ochtenden."),
    "besluit": ("motivering", "Past."),
}


class Formulieren:
    def __init__(self, m: Matrix) -> None:
        self.m = m
        ib, directeur = m.accounts["ib"], m.accounts["directeur"]
        ingediend = hulpvraag_op_school(
            ib, m.regenboog, "Ondersteuningsbudget", roepnaam="Sara", achternaam="Ingediend"
        )
        ob_aanvraag_invullen(ingediend, ib, directeur)
        for status, door in (
            ("ob_aanvraag_indienen", ib),
            ("ob_in_behandeling", m.accounts["scp"]),
        ):
            hulpvraag_status_wijzigen(
                hulpvraag=ingediend,
                naar=Status.objects.get(proces=ingediend.titel.proces, code=status),
                door=door,
            )
        self.formulieren = {
            "aanvraag": Formulier.objects.get(
                hulpvraag=m.objecten["voorlopig"],
                versie__definitie__code="aanvraag_ondersteuningsbudget",
            ),
            "besluit": Formulier.objects.get(
                hulpvraag=ingediend, versie__definitie__code="besluit_ondersteuningsbudget"
            ),
        }
        # Signed answers change only after the signer withdrew (test_formulieren.py): here
        # the directeur has, so the cells are about who may write.
        ondertekening_intrekken(
            ondertekening=Ondertekening.objects.get(formulier=self.formulieren["aanvraag"]),
            door=directeur,
        )
        # The one who may write it fills it in the way the edit page does: every field.
        self.schrijvers = {"aanvraag": ib, "besluit": m.accounts["regiomanager"]}
        self.tlv = hulpvraag_op_school(
            m.accounts["ib_kompas"], m.kompas, "TLV -Nieuw", roepnaam="Tim", achternaam="Open"
        )

    def formulier(self, object: str) -> Formulier:
        return Formulier.objects.select_related("hulpvraag", "versie__definitie").get(
            pk=self.formulieren[object].pk
        )

    def url(self, naam: str, object: str) -> str:
        formulier = self.formulieren[object]
        if naam == "lijst":
            return reverse("formulieren:lijst", args=[formulier.hulpvraag.referentie])
        return reverse(f"formulieren:{naam}", args=[formulier.hulpvraag.referentie, formulier.pk])

    def volledige_post(self, object: str) -> dict[str, str]:
        formulier = self.formulier(object)
        schrijver = self.schrijvers[object]
        form = FormulierInvullenForm(
            formulier=formulier, schrijfbaar=schrijfbare_vragen(schrijver, formulier)
        )
        gegevens = {
            naam: "" if veld.value() is None else str(veld.value())
            for naam, veld in ((naam, form[naam]) for naam in form.fields)
        }
        code, tekst = NIEUW[object]
        return {**gegevens, code: tekst}


@pytest.fixture(scope="module")
def formulieren(matrix: Matrix, django_db_blocker: DjangoDbBlocker) -> Iterator[Formulieren]:
    """Built inside the matrix's module transaction, rolled back with it."""
    with django_db_blocker.unblock():
        yield Formulieren(matrix)


def cellen(tabel: Tabel, acties: tuple[str, ...], objecten: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(actie, rol, object, tabel[rol][kolom][index], id=f"{rol}-{object}-{actie}")
        for kolom, actie in enumerate(acties)
        for rol in ROLLEN
        for index, object in enumerate(objecten)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(FORMULIEREN, ACTIES, OBJECTEN))
def test_r24_r27_asvs_v4_2_1_forms_are_read_and_written_only_by_who_may(
    matrix: Matrix, formulieren: Formulieren, actie: str, rol: str, object: str, teken: str
) -> None:
    client = matrix.clients[rol]
    naam = formulieren.formulier(object).versie.definitie.naam
    inzage_voor = Inzage.objects.count()
    if actie == "ondertekenen":
        # Only the account the school chose as bevoegd gezag signs, and only where the form has
        # a signature question (the Besluit has none).
        formulier = formulieren.formulier(object)
        url = reverse(
            "formulieren:ondertekenen",
            args=[formulier.hulpvraag.referentie, formulier.pk, "ondertekening_bevoegd_gezag"],
        )
        antwoord = client.post(url, {"bevestigd": "ja"})
        getekend = Ondertekening.objects.filter(formulier=formulier, ingetrokken_op__isnull=True)
        if teken == "+":
            assert antwoord.status_code == 302
            assert getekend.get().door == matrix.accounts[rol]
        else:
            assert antwoord.status_code == 404
            assert not getekend.exists()
            assert Inzage.objects.count() == inzage_voor
        return
    if actie == "bewerken":
        code, tekst = NIEUW[object]
        antwoord = client.post(
            formulieren.url("bewerken", object), formulieren.volledige_post(object)
        )
        opgeslagen = formulieren.formulier(object).antwoorden.get(code)
        if teken == "+":
            assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
            assert opgeslagen == tekst
        else:
            assert antwoord.status_code == 404
            assert opgeslagen != tekst
            assert Inzage.objects.count() == inzage_voor
        return
    antwoord = client.get(formulieren.url(actie, object))
    if actie == "lijst":
        # The list page is the hulpvraag's: whoever sees the hulpvraag gets it; the form is in
        # it only for who may see the form.
        gezien = antwoord.status_code == 200 and naam in antwoord.content.decode()
    else:
        gezien = antwoord.status_code == 200
        if not gezien:
            assert antwoord.status_code == 404
            assert Inzage.objects.count() == inzage_voor
    assert gezien == (teken == "+")


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(PAGINAS, PAGINA_ACTIES, ("",)))
def test_r31_r32_b5_termijnen_and_oppakken_by_role(
    matrix: Matrix, formulieren: Formulieren, actie: str, rol: str, object: str, teken: str
) -> None:
    client = matrix.clients[rol]
    if actie == "termijnen":
        antwoord = client.get(reverse("formulieren:termijnen"))
        assert antwoord.status_code == (200 if teken == "+" else 404)
        return
    antwoord = client.post(reverse("hulpvragen:oppakken", args=[formulieren.tlv.referentie]))
    coordinator = Hulpvraag.objects.get(pk=formulieren.tlv.pk).coordinator
    if teken == "+":
        assert antwoord.status_code == 302
        assert coordinator == matrix.accounts[rol]
    else:
        assert antwoord.status_code == 404
        assert coordinator is None
