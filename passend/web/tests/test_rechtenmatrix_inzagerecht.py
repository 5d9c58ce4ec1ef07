"""The role x object x action matrix of inzagerecht (issue 17 items 3 and 4; B10, R14, P2):
every role of test_rechtenmatrix.py, both SWVs, every URL, reads and writes.

Objects: "eigen" is PPO Rotterdam's pupil Jan van Boven (the matrix's "zichtbaar" hulpvraag,
which the SWV sees), with a parent (the matrix's ouder, opeters) who has inzage and one
attachment shared with parents; "ander" is a pupil of SWV PO9999 with a hulpvraag, a shared
attachment and a parent of that SWV with inzage. SWV staff with the right (coördinator,
applicatiebeheerder) export, invite, withdraw and mark within their own SWV; a parent reads
only their own child's pages. Everyone else gets a 404 and nothing changes (no log row).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from passend.accounts.tests.factories import account_maken
from passend.audit.models import Inzage
from passend.bijlagen.models import Bijlage
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.inzagerecht.models import GedeeldeBijlage, Ouderinzage
from passend.organisaties.tests.factories import RegioFactory
from passend.web.tests.test_rechtenmatrix import ROLLEN, Matrix, Tabel
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

OBJECTEN = ("eigen", "ander")

# Signs per object (eigen, ander): + 200 (a read) or the change made (a write); - 404 and
# nothing changed, not even an access-log row.
# fmt: off
_GEEN = ("--",) * 5
BEHEER = ("+-",) * 5
BEHEER_ANDER = ("-+",) * 5
LEZEN: Tabel = {
    #                       dossier  delen  ouder:  ouder:     ouder:
    #                                       kind    hulpvraag  bijlage
    **{rol: _GEEN for rol in ROLLEN},
    "coordinator":         ("+-",    "+-",  "--",   "--",      "--"),
    "beheerder":           ("+-",    "+-",  "--",   "--",      "--"),
    "beheerder_ander_swv": ("-+",    "-+",  "--",   "--",      "--"),
    "ouder":               ("--",    "--",  "+-",   "+-",      "+-"),
}
_NIETS = ("--",) * 4
SCHRIJVEN: Tabel = {
    #                       exporteren  uitnodigen  intrekken  delen
    **{rol: _NIETS for rol in ROLLEN},
    "coordinator":         ("+-",       "+-",       "+-",      "+-"),
    "beheerder":           ("+-",       "+-",       "+-",      "+-"),
    "beheerder_ander_swv": ("-+",       "-+",       "-+",      "-+"),
}
# fmt: on
LEESACTIES = ("dossier", "delen", "ouder_kind", "ouder_hulpvraag", "ouder_bijlage")
SCHRIJFACTIES = ("exporteren", "uitnodigen", "intrekken", "delen")
OUDER_EMAIL = {"eigen": "ouders.boven@example.nl", "ander": "ouders.elders@example.nl"}
NIEUW_EMAIL = {"eigen": "tweede.boven@example.nl", "ander": "tweede.elders@example.nl"}


@dataclass
class Objecten:
    hulpvragen: dict[str, Hulpvraag]
    leerlingen: dict[str, Leerling]
    bijlagen: dict[str, Bijlage]
    inzagen: dict[str, Ouderinzage]


@pytest.fixture(scope="module")
def objecten(matrix: Matrix, django_db_blocker: DjangoDbBlocker) -> Iterator[Objecten]:
    """Added to the module's matrix inside its transaction (rolled back with it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        for regio in ("IJsselmonde", "Noord"):
            RegioFactory.create(swv=matrix.ander_swv, naam=regio)
        call_command("preset_laden", "PO9999", verbosity=0)
        ib_ander = matrix.accounts["ib_ander_swv"]
        hulpvragen = {
            "eigen": matrix.hulpvraag("zichtbaar"),
            "ander": hulpvraag_op_school(
                ib_ander,
                ib_ander.scholen.get(),
                roepnaam="Eva",
                tussenvoegsel="",
                achternaam="Elders",
            ),
        }
        ouders = {
            "eigen": matrix.accounts["ouder"],
            "ander": account_maken(matrix.ander_swv, "oelders", rol="ouder"),
        }
        bijlagen = {
            "eigen": matrix.bijlagen["zichtbaar"],
            "ander": toevoegen(hulpvragen["ander"], ib_ander, "OPP.pdf", bestanden.pdf()),
        }
        inzagen = {}
        for object, hulpvraag in hulpvragen.items():
            Leerling.objects.filter(pk=hulpvraag.leerling_id).update(
                ouder_emailadressen=f"{OUDER_EMAIL[object]}\n{NIEUW_EMAIL[object]}"
            )
            inzagen[object] = Ouderinzage.objects.create(
                leerling_id=hulpvraag.leerling_id,
                gebruiker=ouders[object],
                emailadres=OUDER_EMAIL[object],
                uitgenodigd_door=matrix.accounts["beheerder"],
            )
            GedeeldeBijlage.objects.create(
                bijlage=bijlagen[object], gedeeld_door=matrix.accounts["beheerder"]
            )
        yield Objecten(
            hulpvragen=hulpvragen,
            leerlingen={o: Leerling.objects.get(pk=h.leerling_id) for o, h in hulpvragen.items()},
            bijlagen=bijlagen,
            inzagen=inzagen,
        )


def _url(o: Objecten, actie: str, object: str) -> str:
    hulpvraag, leerling = o.hulpvragen[object], o.leerlingen[object]
    return {
        "dossier": lambda: reverse("inzagerecht:dossier", args=[leerling.pk]),
        "uitnodigen": lambda: reverse("inzagerecht:dossier", args=[leerling.pk]),
        "exporteren": lambda: reverse("inzagerecht:exporteren", args=[leerling.pk]),
        "intrekken": lambda: reverse(
            "inzagerecht:intrekken", args=[leerling.pk, o.inzagen[object].pk]
        ),
        "delen": lambda: reverse("inzagerecht:delen", args=[hulpvraag.referentie]),
        "ouder_kind": lambda: reverse("inzagerecht:ouder_kind", args=[leerling.pk]),
        "ouder_hulpvraag": lambda: reverse(
            "inzagerecht:ouder_hulpvraag", args=[hulpvraag.referentie]
        ),
        "ouder_bijlage": lambda: reverse(
            "inzagerecht:ouder_bijlage", args=[hulpvraag.referentie, o.bijlagen[object].pk]
        ),
    }[actie]()


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(actie, rol, object, tabel[rol][kolom][index], id=f"{rol}-{object}-{actie}")
        for kolom, actie in enumerate(acties)
        for rol in ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_b10_r14_p2_inzagerecht_pages_per_role_and_swv(
    matrix: Matrix, objecten: Objecten, actie: str, rol: str, object: str, teken: str
) -> None:
    log_voor = Inzage.objects.count()
    antwoord = matrix.clients[rol].get(_url(objecten, actie, object))
    assert antwoord.status_code == (200 if teken == "+" else 404)
    if teken == "+":
        # P2: every read is logged, a parent's with the parent's grounds.
        nieuw = Inzage.objects.filter(gebruiker_id=matrix.accounts[rol].pk).order_by("-pk")
        assert Inzage.objects.count() > log_voor
        if rol == "ouder":
            assert nieuw.first().grondslag == "ouder van de leerling"  # type: ignore[union-attr]
    else:
        assert Inzage.objects.count() == log_voor


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(SCHRIJVEN, SCHRIJFACTIES))
def test_b10_r14_inzagerecht_changes_per_role_and_swv(
    matrix: Matrix, objecten: Objecten, actie: str, rol: str, object: str, teken: str
) -> None:
    client = matrix.clients[rol]
    url = _url(objecten, actie, object)
    leerling, bijlage = objecten.leerlingen[object], objecten.bijlagen[object]
    log_voor = Inzage.objects.count()
    if actie == "exporteren":
        antwoord = client.post(url)
        if antwoord.status_code == 200:
            assert b"".join(antwoord.streaming_content)[:2] == b"PK"  # type: ignore[attr-defined]
        veranderd = Inzage.objects.filter(
            gebeurtenis="leerling_geexporteerd", leerling_id=leerling.pk
        ).exists()
        verwacht = 200
    elif actie == "uitnodigen":
        antwoord = client.post(url, {"emailadres": NIEUW_EMAIL[object]})
        veranderd = Ouderinzage.objects.filter(
            leerling=leerling, emailadres=NIEUW_EMAIL[object]
        ).exists()
        verwacht = 302
    elif actie == "intrekken":
        antwoord = client.post(url)
        veranderd = not Ouderinzage.objects.get(pk=objecten.inzagen[object].pk).actief
        verwacht = 302
    else:
        antwoord = client.post(url, {})
        veranderd = not GedeeldeBijlage.objects.filter(bijlage=bijlage).exists()
        verwacht = 302
    if teken == "+":
        assert antwoord.status_code == verwacht and veranderd
    else:
        assert antwoord.status_code == 404 and not veranderd
        assert Inzage.objects.count() == log_voor
