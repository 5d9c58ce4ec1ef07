"""The hulpvragen tests' PPO Rotterdam, with a verwerkersovereenkomst for De Regenboog's
bestuur, an "Informatieuitwisseling overig" hulpvraag with two attachments, and an external
participant's account."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import account_maken
from passend.bijlagen.models import Bijlage
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests import conftest as hulpvragen_conftest
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.overlegrondes.models import Deelnemer, Overlegronde
from passend.overlegrondes.services import NieuweDeelnemer, overlegronde_aanmaken

omgeving = hulpvragen_conftest.omgeving


@dataclass
class Overleg:
    o: Omgeving
    hulpvraag: Hulpvraag  # Informatieuitwisseling overig of Jan van Boven, De Regenboog
    gedeeld: Bijlage  # shared with the round
    niet_gedeeld: Bijlage
    extern: Gebruiker  # an external participant with an activated account

    def ronde(self, **velden: object) -> Overlegronde:
        """A round by the IB'er with the external participant and the coördinator."""
        reacties = timezone.localdate() + timedelta(days=7)
        standaard: dict[str, object] = {
            "hulpvraag": self.hulpvraag,
            "door": self.o.ib_regenboog,
            "onderwerp": "Verslag logopedie",
            "omschrijving": "Graag uw advies over de taalontwikkeling.",
            "einddatum_reacties": reacties,
            "einddatum_inzage": reacties + timedelta(days=7),
            "deelnemers": [self.extern, self.o.coordinator],
            "gedeelde_bijlagen": [self.gedeeld],
        }
        return overlegronde_aanmaken(**{**standaard, **velden})  # type: ignore[arg-type]


def vo_tekenen(hulpvraag: Hulpvraag) -> None:
    bestuur = hulpvraag.schoolgegevens.school.bestuur
    bestuur.verwerkersovereenkomst = True
    bestuur.verwerkersovereenkomst_datum = date(2025, 8, 1)
    bestuur.save()


@pytest.fixture
def overleg(omgeving: Omgeving) -> Overleg:
    hulpvraag = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "Informatieuitwisseling overig"
    )
    vo_tekenen(hulpvraag)
    extern = account_maken(omgeving.ppo, "lgroen", rol="externe_deelnemer")
    # An earlier round of the school, long over, with the external participant: so the
    # participant is among the school's "Mogelijke deelnemers" (R37).
    eerdere_hulpvraag = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, roepnaam="Eva", achternaam="Eerder"
    )
    eerder = Overlegronde.objects.create(
        swv=omgeving.ppo,
        hulpvraag=eerdere_hulpvraag,
        onderwerp="Eerder overleg",
        omschrijving="Afgerond.",
        einddatum_reacties=date(2025, 1, 10),
        einddatum_inzage=date(2025, 1, 17),
        aangemaakt_door=omgeving.ib_regenboog,
    )
    Deelnemer.objects.create(overlegronde=eerder, gebruiker=extern)
    return Overleg(
        o=omgeving,
        hulpvraag=hulpvraag,
        gedeeld=toevoegen(
            hulpvraag, omgeving.ib_regenboog, "Verslag logopedie.pdf", bestanden.pdf()
        ),
        niet_gedeeld=toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP 2026.docx", bestanden.docx()),
        extern=extern,
    )


NIEUW = NieuweDeelnemer(
    voornaam="Sanne", achternaam="de Wit", email="s.dewit@ggd.example.nl", specialisme="jeugdarts"
)
