"""A PPO Rotterdam (the preset) with pupils whose data reaches its term at different moments.
Everything is made now (T0); the tests pass a later moment as `nu`, the frozen clock."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.utils import timezone

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.bijlagen.models import Bijlage
from passend.bijlagen.opslag import bestand_opslaan, nieuwe_opslagnaam
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.formulieren.models import Formulier, Formulierversie
from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.hulpvragen.services import hulpvraag_aanmaken
from passend.hulpvragen.tests import conftest as hulpvragen_conftest
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.overlegrondes.models import Overlegronde, Reactie, Reactiebijlage
from passend.processen.models import Hulpvraagtitel, Status

omgeving = hulpvragen_conftest.omgeving


def afsluiten(hulpvraag: Hulpvraag, statuscode: str, door: Gebruiker) -> Hulpvraag:
    """The hulpvraag reaches a final status now, with its row in the Statushistorie."""
    status = Status.objects.get(proces=hulpvraag.titel.proces_id, code=statuscode)
    Statuswijziging.objects.create(
        hulpvraag=hulpvraag, van=hulpvraag.status, naar=status, door=door
    )
    Hulpvraag.objects.filter(pk=hulpvraag.pk).update(status=status, status_sinds=timezone.now())
    return Hulpvraag.objects.get(pk=hulpvraag.pk)


@dataclass
class Dossiers:
    o: Omgeving
    t0: date
    hulpvragen: dict[str, Hulpvraag] = field(default_factory=dict)
    bijlagen: dict[str, Bijlage] = field(default_factory=dict)
    reactiebestand: str = ""

    def ref(self, *namen: str) -> set[str]:
        return {self.hulpvragen[naam].referentie for naam in namen}


@pytest.fixture
def dossiers(omgeving: Omgeving) -> Dossiers:
    """- concept: Mila Sterk's Ondersteuningsbudget, never submitted (her only hulpvraag)
    - afgesloten: Jan van Boven's Ambulante Begeleiding, closed now, with an overlegronde whose
      reaction has a file; Jan's second hulpvraag `open` stays open
    - afgesloten_daan: Daan Wisselink's only hulpvraag, closed now
    - vastgehouden: Sara Vast's only hulpvraag, closed now; Sara gets a legal hold in tests
    - tlv: Tim Kompas's TLV -Nieuw, issued now, its Besluit TLV ending a year from now
    Each has an attachment (a file in the storage)."""
    o = omgeving
    ib = o.ib_regenboog
    d = Dossiers(o=o, t0=timezone.localdate())
    d.hulpvragen["concept"] = hulpvraag_op_school(
        ib,
        o.regenboog,
        "Ondersteuningsbudget",
        roepnaam="Mila",
        tussenvoegsel="",
        achternaam="Sterk",
    )
    jan = hulpvraag_op_school(ib, o.regenboog, roepnaam="Jan", achternaam="Boven")
    d.hulpvragen["open"] = hulpvraag_aanmaken(
        leerling=jan.leerling,
        schoolgegevens=jan.schoolgegevens,
        titel=Hulpvraagtitel.objects.get(swv=o.ppo, naam="Ambulante Begeleiding"),
        door=ib,
        omschrijving="Nog lopend.",
    )
    d.hulpvragen["afgesloten"] = afsluiten(jan, "afgerond", o.coordinator)
    daan = hulpvraag_op_school(
        ib, o.regenboog, roepnaam="Daan", tussenvoegsel="", achternaam="Wisselink"
    )
    d.hulpvragen["afgesloten_daan"] = afsluiten(daan, "afgerond", o.coordinator)
    sara = hulpvraag_op_school(
        ib, o.regenboog, roepnaam="Sara", tussenvoegsel="", achternaam="Vast"
    )
    d.hulpvragen["vastgehouden"] = afsluiten(sara, "afgerond", o.coordinator)
    tlv = hulpvraag_op_school(
        o.ib_kompas, o.kompas, "TLV -Nieuw", roepnaam="Tim", tussenvoegsel="", achternaam="Kompas"
    )
    versie = Formulierversie.objects.filter(
        definitie__swv=o.ppo, definitie__code="besluit_tlv"
    ).latest("nummer")
    besluit, _nieuw = Formulier.objects.get_or_create(hulpvraag=tlv, versie=versie)
    besluit.antwoorden = {
        "besluitdatum": d.t0.isoformat(),
        "ingangsdatum": d.t0.isoformat(),
        "einddatum": (d.t0 + timedelta(days=365)).isoformat(),
    }
    besluit.ingediend_op = timezone.now()
    besluit.save()
    d.hulpvragen["tlv"] = afsluiten(tlv, "tlv_afgegeven", o.coordinator)

    for naam, hulpvraag in d.hulpvragen.items():
        door = o.ib_kompas if naam == "tlv" else ib
        d.bijlagen[naam] = toevoegen(hulpvraag, door, f"OPP {naam}.pdf", bestanden.pdf(naam))

    # An overlegronde on Jan's closed hulpvraag, with a reaction and its file.
    ronde = Overlegronde.objects.create(
        swv=o.ppo,
        hulpvraag=d.hulpvragen["afgesloten"],
        onderwerp="Overleg over gedrag",
        omschrijving="Inhoud van het overleg.",
        einddatum_reacties=d.t0,
        einddatum_inzage=d.t0,
        aangemaakt_door=ib,
    )
    ronde.gedeelde_bijlagen.add(d.bijlagen["afgesloten"])
    reactie = Reactie.objects.create(overlegronde=ronde, door=o.scp, tekst="Mijn advies.")
    d.reactiebestand = nieuwe_opslagnaam()
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as map:
        bestand_opslaan(d.reactiebestand, bestanden.schrijven(Path(map) / "r.pdf", bestanden.pdf()))
    Reactiebijlage.objects.create(
        reactie=reactie,
        bestandsnaam="advies.pdf",
        opslagnaam=d.reactiebestand,
        soort="pdf",
        mime="application/pdf",
        inline_tonen=True,
        grootte=1,
        sha256="0" * 64,
    )
    # Reads logged as the screens log them; a list searched by a pupil's name.
    for hulpvraag in d.hulpvragen.values():
        gebeurtenissen.hulpvraag_bekeken(hulpvraag, door=o.coordinator)
        gebeurtenissen.leerling_bekeken(hulpvraag.leerling, door=o.coordinator)
    gebeurtenissen.hulpvragen_getoond(
        [d.hulpvragen["afgesloten_daan"]], door=o.coordinator, filter="zoek=Wisselink"
    )
    return d
