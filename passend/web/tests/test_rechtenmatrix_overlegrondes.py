"""The role x object x action matrix for overlegrondes (issue 13, R33-R40, P1): every role of
test_rechtenmatrix.py, both SWVs, every URL of a round, reads and writes, through the screens.

Objects (De Regenboog's bestuur has a verwerkersovereenkomst):
  A  a round about the matrix's "zichtbaar" hulpvraag: the role externe_deelnemer takes part,
     with a new external participant who has not activated yet; OPP.pdf is shared.
  B  a round about the "voorlopig" hulpvraag with another external participant (not a role of
     the matrix) and a new one; its OPP.pdf is shared.
Each has a reaction with a file. The participant of A requests every URL of B, and every part
of A's hulpvraag that the round does not share, and sees nothing.

Cells: 13 roles x 2 rounds x (6 reads + 5 writes) = 286 through the screens, 13 x 2 x 4 writes
through the services, and the participant's requests outside round A for both hulpvragen.
"""

import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from passend.accounts.models import Uitnodiging
from passend.accounts.tests.factories import account_maken
from passend.audit.models import Inzage
from passend.bijlagen.models import Bijlage
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.overlegrondes.models import Deelnemer, Overlegronde, Reactie
from passend.overlegrondes.services import (
    NieuweDeelnemer,
    overlegronde_aanmaken,
    overlegronde_sluiten,
    overlegronde_wijzigen,
    reactie_toevoegen,
)
from passend.web.tests.test_rechtenmatrix import ROLLEN, Matrix, Tabel
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

OBJECTEN = ("A", "B")
ONDERWERP = {"A": "Onderwerp A-logopedie", "B": "Onderwerp B-ergotherapie"}

# Signs as in test_rechtenmatrix.py, one per object (A, B): + seen (200) or changed (302 and
# the database shows it); - a 404 (never the expiry message: nobody here took part in a round
# that ended), nothing changed, no access-log row. "lijst" is the round's onderwerp on the
# Overlegrondes page; "tab" the hulpvraag's tab.
# fmt: off
LEZEN: Tabel = {
    #                       lijst  detail dossier bijlage reactie- tab
    #                                                     bijlage
    "ib":                  ("++", "++",  "++",   "++",   "++",    "++"),
    "directeur":           ("++", "++",  "++",   "++",   "++",    "++"),
    "ib_kompas":           ("--", "--",  "--",   "--",   "--",    "--"),
    "scp":                 ("--", "--",  "--",   "--",   "--",    "--"),
    "coordinator":         ("--", "--",  "--",   "--",   "--",    "--"),
    "tlv_administratie":   ("--", "--",  "--",   "--",   "--",    "--"),
    "deskundige":          ("--", "--",  "--",   "--",   "--",    "--"),
    "regiomanager":        ("--", "--",  "--",   "--",   "--",    "--"),
    "beheerder":           ("--", "--",  "--",   "--",   "--",    "--"),
    "ouder":               ("--", "--",  "--",   "--",   "--",    "--"),
    "externe_deelnemer":   ("+-", "+-",  "+-",   "+-",   "+-",    "--"),
    "ib_ander_swv":        ("--", "--",  "--",   "--",   "--",    "--"),
    "beheerder_ander_swv": ("--", "--",  "--",   "--",   "--",    "--"),
}
SCHRIJVEN: Tabel = {
    #                       reageren bewerken sluiten activatielink nieuw
    "ib":                  ("++",    "++",    "++",   "++",         "++"),
    "directeur":           ("++",    "++",    "++",   "++",         "++"),
    "ib_kompas":           ("--",    "--",    "--",   "--",         "--"),
    "scp":                 ("--",    "--",    "--",   "--",         "--"),
    "coordinator":         ("--",    "--",    "--",   "--",         "--"),
    "tlv_administratie":   ("--",    "--",    "--",   "--",         "--"),
    "deskundige":          ("--",    "--",    "--",   "--",         "--"),
    "regiomanager":        ("--",    "--",    "--",   "--",         "--"),
    "beheerder":           ("--",    "--",    "--",   "--",         "--"),
    "ouder":               ("--",    "--",    "--",   "--",         "--"),
    "externe_deelnemer":   ("+-",    "--",    "--",   "--",         "--"),
    "ib_ander_swv":        ("--",    "--",    "--",   "--",         "--"),
    "beheerder_ander_swv": ("--",    "--",    "--",   "--",         "--"),
}
# fmt: on
LEESACTIES = ("lijst", "detail", "dossier", "bijlage", "reactiebijlage", "tab")
SCHRIJFACTIES = ("reageren", "bewerken", "sluiten", "activatielink", "nieuw")
OBJECT_VAN = {"A": "zichtbaar", "B": "voorlopig"}


class Rondes:
    def __init__(self, m: Matrix) -> None:
        self.m = m
        bestuur = m.regenboog.bestuur
        bestuur.verwerkersovereenkomst = True
        bestuur.verwerkersovereenkomst_datum = date(2025, 8, 1)
        bestuur.save()
        ib = m.accounts["ib"]
        extern_b = account_maken(m.ppo, "wbakker", rol="externe_deelnemer")
        reacties = timezone.localdate() + timedelta(days=7)
        self.rondes: dict[str, Overlegronde] = {}
        self.reacties: dict[str, Reactie] = {}
        self.niet_gedeeld: dict[str, Bijlage] = {}
        for object, deelnemer in (("A", m.accounts["externe_deelnemer"]), ("B", extern_b)):
            hulpvraag = m.objecten[OBJECT_VAN[object]]
            self.niet_gedeeld[object] = toevoegen(hulpvraag, ib, "Notitie.txt", bestanden.txt())
            ronde = overlegronde_aanmaken(
                hulpvraag=hulpvraag,
                door=ib,
                onderwerp=ONDERWERP[object],
                omschrijving="Graag uw advies.",
                einddatum_reacties=reacties,
                einddatum_inzage=reacties + timedelta(days=7),
                deelnemers=[deelnemer],
                nieuwe_deelnemers=[
                    NieuweDeelnemer("Nieuw", object, f"nieuw.{object.lower()}@zorg.example.nl")
                ],
                gedeelde_bijlagen=[m.bijlagen[OBJECT_VAN[object]]],
            )
            self.rondes[object] = ronde
            with tempfile.TemporaryDirectory() as map:
                self.reacties[object] = reactie_toevoegen(
                    overlegronde=ronde,
                    door=ib,
                    tekst="Zie bijlage.",
                    bestand=bestanden.schrijven(Path(map) / "upload.tmp", bestanden.txt()),
                    bestandsnaam="Toelichting.txt",
                )
        self.nieuw_deelnemer = {
            object: Deelnemer.objects.get(
                overlegronde=ronde, gebruiker__email=f"nieuw.{object.lower()}@zorg.example.nl"
            )
            for object, ronde in self.rondes.items()
        }

    def ronde(self, object: str) -> Overlegronde:
        return Overlegronde.objects.get(pk=self.rondes[object].pk)

    def url(self, actie: str, object: str) -> str:
        ronde = self.rondes[object]
        if actie == "lijst":
            return reverse("overlegrondes:lijst")
        if actie == "tab":
            return reverse("overlegrondes:hulpvraag", args=[ronde.hulpvraag.referentie])
        if actie == "nieuw":
            return reverse("overlegrondes:nieuw", args=[ronde.hulpvraag.referentie])
        if actie == "bijlage":
            return reverse(
                "overlegrondes:bijlage", args=[ronde.pk, self.m.bijlagen[OBJECT_VAN[object]].pk]
            )
        if actie == "reactiebijlage":
            return reverse(
                "overlegrondes:reactiebijlage", args=[ronde.pk, self.reacties[object].pk]
            )
        if actie == "activatielink":
            return reverse(
                "overlegrondes:activatielink", args=[ronde.pk, self.nieuw_deelnemer[object].pk]
            )
        return reverse(f"overlegrondes:{actie}", args=[ronde.pk])


@pytest.fixture(scope="module")
def rondes(matrix: Matrix, django_db_blocker: DjangoDbBlocker) -> Iterator[Rondes]:
    """Built inside the matrix's module transaction, rolled back with it."""
    with django_db_blocker.unblock():
        yield Rondes(matrix)


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(actie, rol, object, tabel[rol][kolom][index], id=f"{rol}-{object}-{actie}")
        for kolom, actie in enumerate(acties)
        for rol in ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_r39_r40_p1_overlegrondes_are_read_only_by_their_school_and_participants(
    matrix: Matrix, rondes: Rondes, actie: str, rol: str, object: str, teken: str
) -> None:
    client = matrix.clients[rol]
    inzage_voor = Inzage.objects.count()
    antwoord = client.get(rondes.url(actie, object))
    if actie == "lijst":
        gezien = antwoord.status_code == 200 and ONDERWERP[object] in antwoord.content.decode()
        assert gezien == (teken == "+")
        return
    if teken == "+":
        assert antwoord.status_code == 200
        assert Inzage.objects.count() > inzage_voor
    else:
        assert antwoord.status_code == 404
        assert Inzage.objects.count() == inzage_voor


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(SCHRIJVEN, SCHRIJFACTIES))
def test_r36_r38_r39_r40_overlegrondes_are_written_only_by_who_may(
    matrix: Matrix, rondes: Rondes, actie: str, rol: str, object: str, teken: str
) -> None:
    client = matrix.clients[rol]
    inzage_voor = Inzage.objects.count()
    ronde = rondes.ronde(object)
    url = rondes.url(actie, object)
    later = timezone.localdate() + timedelta(days=30)
    if actie == "reageren":
        voor = Reactie.objects.filter(overlegronde=ronde).count()
        antwoord = client.post(url, {"tekst": "Mijn reactie."})
        veranderd = Reactie.objects.filter(overlegronde=ronde).count() > voor
    elif actie == "bewerken":
        antwoord = client.post(
            url,
            {
                "einddatum_reacties": f"{later:%d-%m-%Y}",
                "einddatum_inzage": f"{later + timedelta(days=7):%d-%m-%Y}",
            },
        )
        veranderd = rondes.ronde(object).einddatum_reacties == later
    elif actie == "sluiten":
        antwoord = client.post(url)
        veranderd = rondes.ronde(object).gesloten_op is not None
    elif actie == "activatielink":
        deelnemer = rondes.nieuw_deelnemer[object]
        voor = Uitnodiging.objects.filter(gebruiker=deelnemer.gebruiker).count()
        antwoord = client.post(url)
        veranderd = Uitnodiging.objects.filter(gebruiker=deelnemer.gebruiker).count() > voor
    else:
        voor = Overlegronde.objects.count()
        antwoord = client.post(
            url,
            {
                "actie": "opslaan",
                "onderwerp": "Nog een ronde",
                "omschrijving": "Graag advies.",
                "einddatum_reacties": f"{later:%d-%m-%Y}",
                "einddatum_inzage": f"{later + timedelta(days=7):%d-%m-%Y}",
                "geselecteerd": [str(matrix.accounts["scp"].pk)],
            },
        )
        veranderd = Overlegronde.objects.count() > voor
    if teken == "+":
        assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
        assert veranderd
    else:
        assert antwoord.status_code == 404
        assert not veranderd
        assert Inzage.objects.count() == inzage_voor


@pytest.mark.django_db
@pytest.mark.parametrize("object", OBJECTEN)
def test_p1_r39_the_participant_of_a_sees_nothing_outside_round_a(
    matrix: Matrix, rondes: Rondes, object: str
) -> None:
    """Every part of the hulpvraag the round does not share, for A's hulpvraag and B's: the
    detail page, its history, the dossier tabs, the attachments (shared ones too, outside the
    round), the forms; and the non-shared attachment through the round's own URL."""
    client = matrix.clients["externe_deelnemer"]
    inzage_voor = Inzage.objects.count()
    ronde = rondes.rondes[object]
    hulpvraag = ronde.hulpvraag
    referentie = hulpvraag.referentie
    gedeeld = matrix.bijlagen[OBJECT_VAN[object]]
    urls = [
        reverse("hulpvragen:detail", args=[referentie]),
        reverse("hulpvragen:statushistorie", args=[referentie]),
        reverse("hulpvragen:dossier", args=[hulpvraag.leerling_id]),
        reverse("hulpvragen:dossier_schoolgegevens", args=[hulpvraag.leerling_id]),
        reverse("hulpvragen:dossier_hulpvragen", args=[hulpvraag.leerling_id]),
        reverse("bijlagen:lijst", args=[referentie]),
        reverse("bijlagen:downloaden", args=[referentie, gedeeld.pk]),
        reverse("bijlagen:openen", args=[referentie, gedeeld.pk]),
        reverse("bijlagen:downloaden", args=[referentie, rondes.niet_gedeeld[object].pk]),
        reverse("formulieren:lijst", args=[referentie]),
        reverse("overlegrondes:bijlage", args=[ronde.pk, rondes.niet_gedeeld[object].pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert Inzage.objects.count() == inzage_voor
    lijst = client.get(reverse("hulpvragen:lijst"))
    assert referentie not in lijst.content.decode()


# The same writes one level down, through the services (as test_rechtenmatrix_diensten.py): a
# channel that skips the views meets the same refusals.
DIENSTEN = ("reactie_toevoegen", "overlegronde_wijzigen", "overlegronde_sluiten", "aanmaken")


def dienst_cellen() -> list[Any]:
    kolom = {"reactie_toevoegen": 0, "overlegronde_wijzigen": 1, "overlegronde_sluiten": 2}
    return [
        pytest.param(
            dienst,
            rol,
            object,
            SCHRIJVEN[rol][kolom.get(dienst, 4)][index],
            id=f"{rol}-{object}-{dienst}",
        )
        for dienst in DIENSTEN
        for rol in ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("dienst, rol, object, teken", dienst_cellen())
def test_r36_r39_r40_the_services_refuse_the_same(
    matrix: Matrix, rondes: Rondes, dienst: str, rol: str, object: str, teken: str
) -> None:
    door = matrix.accounts[rol]
    ronde = rondes.ronde(object)
    later = timezone.localdate() + timedelta(days=30)
    if dienst == "reactie_toevoegen":
        actie: Any = lambda: reactie_toevoegen(overlegronde=ronde, door=door, tekst="Reactie.")  # noqa: E731
    elif dienst == "overlegronde_wijzigen":
        actie = lambda: overlegronde_wijzigen(  # noqa: E731
            overlegronde=ronde,
            door=door,
            einddatum_reacties=later,
            einddatum_inzage=later + timedelta(days=7),
        )
    elif dienst == "overlegronde_sluiten":
        actie = lambda: overlegronde_sluiten(overlegronde=ronde, door=door)  # noqa: E731
    else:
        actie = lambda: overlegronde_aanmaken(  # noqa: E731
            hulpvraag=ronde.hulpvraag,
            door=door,
            onderwerp="Nog een",
            omschrijving="Graag advies.",
            einddatum_reacties=later,
            einddatum_inzage=later + timedelta(days=7),
            deelnemers=[matrix.accounts["scp"]] if rol != "scp" else [matrix.accounts["ib"]],
        )
    if teken == "+":
        actie()
    else:
        with pytest.raises(PermissionDenied):
            actie()
