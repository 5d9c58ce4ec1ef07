"""Issue 19 item 6: the one check whether a text names the pupil (R16, P3)."""

from datetime import date

import pytest

from passend.dossiers.models import Leerling
from passend.dossiers.naamcontrole import leerling_in_tekst

PEDRO = Leerling(roepnaam="Pedro", achternaam="Fortes-Monteiro", geboortedatum=date(2015, 4, 12))
JAN = Leerling(
    roepnaam="Jan", tussenvoegsel="van", achternaam="Boven", geboortedatum=date(2016, 9, 3)
)
HASNA = Leerling(roepnaam="Hasna", achternaam="El-Makrini", geboortedatum=date(2014, 1, 2))


@pytest.mark.parametrize(
    "leerling, tekst",
    [
        (PEDRO, "OPP van Pedro: ontbreekt (Fortes-Monteiro, geb. 12-04-2015)"),
        (PEDRO, "OPP van Pedro ontbreekt"),
        (PEDRO, "Het OPP van PEDRO's groep"),
        (PEDRO, "Het OPP van Pe\u00addro ontbreekt"),  # a soft hyphen inside the name
        (PEDRO, "Verslag over fortes-monteiro"),
        (PEDRO, "Verslag over Monteiro"),
        (PEDRO, "Verslag FortesMonteiro"),
        (PEDRO, "geboren 12-04-2015"),
        (PEDRO, "geboren 12/04/2015"),
        (PEDRO, "geboren 12.04.2015"),
        (PEDRO, "geboren 2015-04-12"),
        (PEDRO, "geboren 12 april 2015"),
        (PEDRO, "geboren 12 APR. 2015"),
        (PEDRO, "geboren 12-4-2015"),
        (PEDRO, "geboren 12-04-15"),
        (JAN, "Het OPP van Jan ontbreekt."),
        (JAN, "Verslag (Boven) ontbreekt"),
        (JAN, "Verslag van VanBoven"),
        (JAN, "geb. 3-9-2016"),
        (JAN, "geb. 03 september 2016"),
        (HASNA, "Verslag Makrini"),
        (HASNA, "Verslag El-Makrini"),
    ],
)
def test_i19_p3_text_naming_the_pupil_is_recognised_through_punctuation_and_date_forms(
    leerling: Leerling, tekst: str
) -> None:
    assert leerling_in_tekst(leerling, tekst)


@pytest.mark.parametrize(
    "leerling, tekst",
    [
        # Tussenvoegsels and parts shorter than 3 letters are no name on their own.
        (JAN, "Het OPP van de leerling ontbreekt."),
        (HASNA, "Het verslag is el fin; zie de brief."),
        # Other dates, and words that merely contain a name part.
        (PEDRO, "Zie het verslag van 12-04-2016 en 13-04-2015."),
        (PEDRO, "Zie de brief van 12 mei 2015."),
        (JAN, "De Jansen-methode werkt boventallig."),
        (JAN, "Gesprek op 03-09-2015 over groep 9."),
    ],
)
def test_i19_text_without_the_pupil_passes(leerling: Leerling, tekst: str) -> None:
    assert leerling_in_tekst(leerling, tekst) == []


def test_i19_the_message_names_what_was_found_as_written() -> None:
    gevonden = leerling_in_tekst(
        PEDRO, "OPP van Pedro: ontbreekt (Fortes-Monteiro, geb. 12-04-2015)"
    )
    assert gevonden == ["Pedro", "Fortes", "Monteiro", "12-04-2015"]
