"""The hulpvragen tests' PPO Rotterdam (schools, accounts on every side, a second SWV), and a
hulpvraag of De Regenboog to attach files to."""

import tempfile
from pathlib import Path

import pytest
from django.core.files.storage import storages

from passend.accounts.models import Gebruiker
from passend.bijlagen.models import Bijlage, Documenttype
from passend.bijlagen.services import bestand_aanbieden
from passend.bijlagen.tests import bestanden
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests import conftest as hulpvragen_conftest
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school

omgeving = hulpvragen_conftest.omgeving


@pytest.fixture
def hulpvraag(omgeving: Omgeving) -> Hulpvraag:
    """ "Ambulante Begeleiding" starts in a status the SWV sees."""
    return hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)


@pytest.fixture
def onzichtbare_hulpvraag(omgeving: Omgeving) -> Hulpvraag:
    """ "Ondersteuningsbudget" starts in a status the SWV does not see yet."""
    return hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "Ondersteuningsbudget", roepnaam="Mila"
    )


def opgeslagen_bestanden() -> set[str]:
    """What is in the attachments storage right now."""
    try:
        return set(storages["bijlagen"].listdir("")[1])
    except FileNotFoundError:
        return set()


def opslagmap() -> Path:
    return Path(storages["bijlagen"].location)  # type: ignore[attr-defined]


def toevoegen(
    hulpvraag: Hulpvraag, door: Gebruiker, naam: str, inhoud: bytes, soort: str | None = None
) -> Bijlage:
    """An attachment added through the service, as an upload would add it; `soort` is the code
    of its kind of document."""
    with tempfile.TemporaryDirectory() as map:
        resultaat = bestand_aanbieden(
            hulpvraag=hulpvraag,
            pad=bestanden.schrijven(Path(map) / "upload.tmp", inhoud),
            bestandsnaam=naam,
            door=door,
            documenttype=(
                Documenttype.objects.get(swv=hulpvraag.swv_id, code=soort) if soort else None
            ),
        )
    assert isinstance(resultaat, Bijlage)
    return resultaat
