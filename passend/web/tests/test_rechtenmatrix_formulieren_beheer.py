"""The role x object x action matrix for SWV-beheer's form-definition and outbox screens (issue
16 item 1; issue 12 item 8): every role of test_rechtenmatrix.py, both SWVs, every URL, reads
and writes.

Objects: "eigen" is PPO Rotterdam's form Aanvraag ondersteuningsbudget (from the preset) and a
failed mail in PPO's outbox; "ander" a small form of SWV PO9999 and a failed mail in its
outbox, made for the test. Only the application administrator of the object's own SWV reads
and changes; a school user, an SWV user without the beheer role, a parent, an external
participant and the beheerder of another SWV get a 404 and nothing changes (no beheerlog row).
"""

from typing import Any

import pytest
import yaml
from django.urls import reverse

from passend.formulieren.models import Formulierdefinitie, Formulierversie
from passend.notificaties.models import Bericht
from passend.notificaties.tests.factories import wachtend_bericht
from passend.web.tests.test_rechtenmatrix import (
    ROLLEN,
    Matrix,
    Tabel,
    beheer_schrijven_controleren,
    cellen_per_object,
)
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

OBJECTEN = ("eigen", "ander")

# + 200 (a read; in a list: the row is shown) or 302 and the change made (a write);
# - 404, or not in the list, and nothing changed. A new form has no object: the beheerder of
# either SWV may add one to the own SWV (++).
# fmt: off
_GEEN_LEZEN = ("--",) * 6
LEZEN: Tabel = {
    #                       formulieren nieuw formulier voorbeeld berichten bericht
    **{rol: _GEEN_LEZEN for rol in ROLLEN},
    "beheerder":           ("+-",       "++", "+-",     "+-",     "+-",     "+-"),
    "beheerder_ander_swv": ("-+",       "++", "-+",     "-+",     "-+",     "-+"),
}
_GEEN_SCHRIJVEN = ("--",) * 4
SCHRIJVEN: Tabel = {
    #                       formulier formulier bericht opnieuw  gekozen berichten
    #                       nieuw     wijzigen  versturen        opnieuw versturen
    **{rol: _GEEN_SCHRIJVEN for rol in ROLLEN},
    "beheerder":           ("++",     "+-",     "+-",            "+-"),
    "beheerder_ander_swv": ("++",     "-+",     "-+",            "-+"),
}
# fmt: on
LEESACTIES = (
    "formulieren",
    "formulier_nieuw",
    "formulier",
    "formulier_voorbeeld",
    "berichten",
    "bericht",
)
SCHRIJFACTIES = (
    "formulier_nieuw",
    "formulier",
    "bericht_opnieuw_versturen",
    "berichten_opnieuw_versturen",
)

VRAGEN = {
    "secties": [
        {
            "titel": "Vragen",
            "vragen": [{"code": "toelichting", "soort": "lange_tekst", "vraag": "Toelichting"}],
        }
    ]
}


def _definitie(m: Matrix, object: str) -> Formulierdefinitie:
    if object == "eigen":
        return Formulierdefinitie.objects.get(swv=m.ppo, code="aanvraag_ondersteuningsbudget")
    definitie, nieuw = Formulierdefinitie.objects.get_or_create(
        swv=m.ander_swv, code="ander_formulier", defaults={"naam": "Ander formulier"}
    )
    if nieuw:
        Formulierversie.objects.create(definitie=definitie, nummer=1, inhoud=VRAGEN)
    return definitie


def _bericht(m: Matrix, object: str) -> Bericht:
    swv = m.ppo if object == "eigen" else m.ander_swv
    bericht = Bericht.objects.filter(swv=swv, onderwerp=f"Mislukt {object}").first()
    return bericht or wachtend_bericht(
        swv, onderwerp=f"Mislukt {object}", status=Bericht.Status.MISLUKT, pogingen=5
    )


def _url(m: Matrix, actie: str, object: str) -> str:
    if actie in ("formulieren", "formulier_nieuw", "berichten", "berichten_opnieuw_versturen"):
        return reverse(f"swvbeheer:{actie}")
    if actie in ("formulier", "formulier_voorbeeld"):
        return reverse(f"swvbeheer:{actie}", args=[_definitie(m, object).pk])
    return reverse(f"swvbeheer:{actie}", args=[_bericht(m, object).pk])


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return cellen_per_object(tabel, acties, OBJECTEN)


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_issue16_i12_form_and_outbox_pages_only_for_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    # Both SWVs' rows exist before the page is read.
    _definitie(matrix, object)
    _bericht(matrix, object)
    antwoord = matrix.clients[rol].get(_url(matrix, actie, object))
    if actie in ("formulieren", "berichten"):
        if actie == "formulieren":
            pad = reverse("swvbeheer:formulier", args=[_definitie(matrix, object).pk])
        else:
            pad = reverse("swvbeheer:bericht", args=[_bericht(matrix, object).pk])
        gezien = antwoord.status_code == 200 and f'href="{pad}"' in antwoord.content.decode()
        assert gezien == (teken == "+")
        if rol not in ("beheerder", "beheerder_ander_swv"):
            assert antwoord.status_code == 404
        return
    assert antwoord.status_code == (200 if teken == "+" else 404)


def _schrijven(m: Matrix, actie: str, rol: str, object: str) -> tuple[Any, bool]:
    """Posts a valid change; returns the answer and whether the change was made."""
    client = m.clients[rol]
    if actie in ("bericht_opnieuw_versturen", "berichten_opnieuw_versturen"):
        bericht = _bericht(m, object)
        antwoord = client.post(_url(m, actie, object), {"berichten": [bericht.pk]})
        bericht.refresh_from_db()
        return antwoord, bericht.status != Bericht.Status.MISLUKT
    definitie = _definitie(m, object)
    vragen = yaml.safe_dump(definitie.huidige_versie().inhoud, allow_unicode=True)  # type: ignore[union-attr]
    if actie == "formulier_nieuw":
        code = f"nieuw_{object}"
        antwoord = client.post(
            _url(m, actie, object), {"naam": "Nieuw formulier", "code": code, "vragen": vragen}
        )
        return antwoord, Formulierdefinitie.objects.filter(code=code).exists()
    antwoord = client.post(
        _url(m, actie, object), {"naam": "Hernoemd", "code": definitie.code, "vragen": vragen}
    )
    return antwoord, Formulierdefinitie.objects.get(pk=definitie.pk).naam == "Hernoemd"


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(SCHRIJVEN, SCHRIJFACTIES))
def test_issue16_i12_forms_and_outbox_changed_only_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    _definitie(matrix, object)  # the other SWV's rows exist before the count
    _bericht(matrix, object)
    beheer_schrijven_controleren(lambda: _schrijven(matrix, actie, rol, object), teken)
