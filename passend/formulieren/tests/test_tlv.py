"""The TLV decision with the law's checks (R29-R31): "TLV afgegeven" only with the Besluit TLV
complete; SBO or SO with a category only for SO; an end date never before the start (31 July by
default); two advices by two different experts; an extension names the TLV it extends."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from passend.accounts.tests.factories import account_maken
from passend.bijlagen.models import Bijlage
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.formulieren.models import Formulier
from passend.formulieren.services import antwoorden_opslaan, ontbrekend
from passend.formulieren.termijnen import termijnen_bewaken
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.rechten import toegestane_statussen
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.notificaties.models import Bericht
from passend.processen.models import Status


def _status(hulpvraag: Hulpvraag, code: str) -> Status:
    return Status.objects.get(proces=hulpvraag.titel.proces, code=code)


def _advies(
    hulpvraag: Hulpvraag, omgeving: Omgeving, nummer: int, soort: str = "deskundigenadvies"
) -> Bijlage:
    inhoud = bestanden._pdf_bytes(bestanden._pdf_met_tekst(f"Deskundigenadvies {nummer}"))
    naam = f"Advies deskundige {nummer}.pdf"
    return toevoegen(hulpvraag, omgeving.coordinator, naam, inhoud, soort)


def _in_behandeling(omgeving: Omgeving, titel: str = "TLV -Nieuw", **leerling: Any) -> Hulpvraag:
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, titel, **leerling)
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag, naar=_status(hulpvraag, "tlv_3_in_behandeling"), door=omgeving.scp
    )
    return hulpvraag


def _besluit(hulpvraag: Hulpvraag) -> Formulier:
    return Formulier.objects.get(hulpvraag=hulpvraag, versie__definitie__code="besluit_tlv")


def _volledig(hulpvraag: Hulpvraag, omgeving: Omgeving) -> dict[str, Any]:
    return {
        "besluitdatum": date(2027, 3, 1),
        "soort": "SO",
        "bekostigingscategorie": "Midden",
        "ingangsdatum": date(2027, 3, 8),
        "deskundige_1_naam": "drs. A. de Wit",
        "deskundige_1_discipline": "Orthopedagoog",
        "deskundige_1_datum": date(2027, 2, 10),
        "deskundige_1_advies": _advies(hulpvraag, omgeving, 1).pk,
        "deskundige_2_naam": "B. Yilmaz",
        "deskundige_2_discipline": "Kinderpsychiater",
        "deskundige_2_datum": date(2027, 2, 20),
        "deskundige_2_advies": _advies(hulpvraag, omgeving, 2).pk,
    }


def _afgeven(omgeving: Omgeving, **leerling: Any) -> Hulpvraag:
    hulpvraag = _in_behandeling(omgeving, **leerling)
    antwoorden_opslaan(
        formulier=_besluit(hulpvraag),
        door=omgeving.coordinator,
        antwoorden=_volledig(hulpvraag, omgeving),
    )
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag, naar=_status(hulpvraag, "tlv_afgegeven"), door=omgeving.coordinator
    )
    return hulpvraag


def test_r30_tlv_afgegeven_only_with_a_complete_besluit(omgeving: Omgeving) -> None:
    hulpvraag = _in_behandeling(omgeving)
    afgegeven = _status(hulpvraag, "tlv_afgegeven")
    assert afgegeven not in toegestane_statussen(omgeving.coordinator, hulpvraag)
    with pytest.raises(ValidationError) as fout:
        hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=afgegeven, door=omgeving.coordinator)
    assert (
        "Besluit TLV: ‘Soort toelaatbaarheidsverklaring’ is nog niet ingevuld."
        in (fout.value.message_dict["naar"])
    )

    besluit = antwoorden_opslaan(
        formulier=_besluit(hulpvraag),
        door=omgeving.coordinator,
        antwoorden=_volledig(hulpvraag, omgeving),
    )
    # The einddatum left empty: 31 July of the ingangsdatum's school year.
    assert besluit.antwoorden["einddatum"] == "2027-07-31"
    assert ontbrekend(besluit) == []
    hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=afgegeven, door=omgeving.coordinator)


@pytest.mark.parametrize(
    "wijziging, veld, melding",
    [
        (
            {"soort": "SBO", "bekostigingscategorie": "Laag"},
            "bekostigingscategorie",
            "Deze vraag hoort niet bij uw antwoord op ‘Soort toelaatbaarheidsverklaring’; laat "
            "hem leeg.",
        ),
        (
            {"einddatum": date(2027, 3, 7)},
            "einddatum",
            "Deze datum ligt vóór ‘Ingangsdatum’.",
        ),
        (
            {"deskundige_2_naam": "  DRS. A. de  wit "},
            "deskundige_2_naam",
            "Dit moet een ander antwoord zijn dan bij ‘Naam van de eerste deskundige’.",
        ),
        (
            {"deskundige_1_discipline": "Kinderpsychiater"},
            "deskundige_1_discipline",
            "Kies een van de mogelijkheden.",
        ),
    ],
)
def test_r30_the_laws_checks_refuse_each_wrong_decision(
    omgeving: Omgeving, wijziging: dict[str, Any], veld: str, melding: str
) -> None:
    hulpvraag = _in_behandeling(omgeving)
    with pytest.raises(ValidationError) as fout:
        antwoorden_opslaan(
            formulier=_besluit(hulpvraag),
            door=omgeving.coordinator,
            antwoorden={**_volledig(hulpvraag, omgeving), **wijziging},
        )
    assert fout.value.message_dict == {veld: [melding]}
    assert _besluit(hulpvraag).antwoorden == {}


def test_r30_the_same_advice_cannot_count_for_both_experts(omgeving: Omgeving) -> None:
    hulpvraag = _in_behandeling(omgeving)
    antwoorden = _volledig(hulpvraag, omgeving)
    antwoorden["deskundige_2_advies"] = antwoorden["deskundige_1_advies"]
    with pytest.raises(ValidationError) as fout:
        antwoorden_opslaan(
            formulier=_besluit(hulpvraag), door=omgeving.coordinator, antwoorden=antwoorden
        )
    assert list(fout.value.message_dict) == ["deskundige_2_advies"]


def test_r30_an_advice_is_an_attachment_of_the_kind_deskundigenadvies(omgeving: Omgeving) -> None:
    hulpvraag = _in_behandeling(omgeving)
    verslag = _advies(hulpvraag, omgeving, 3, soort="verslag")
    with pytest.raises(ValidationError) as fout:
        antwoorden_opslaan(
            formulier=_besluit(hulpvraag),
            door=omgeving.coordinator,
            antwoorden={"deskundige_1_advies": verslag.pk},
        )
    assert fout.value.message_dict == {
        "deskundige_1_advies": ["Kies een bijlage van deze hulpvraag uit de lijst."]
    }


def test_r30_switching_to_sbo_drops_the_category(omgeving: Omgeving) -> None:
    hulpvraag = _in_behandeling(omgeving)
    besluit = antwoorden_opslaan(
        formulier=_besluit(hulpvraag),
        door=omgeving.coordinator,
        antwoorden=_volledig(hulpvraag, omgeving),
    )
    besluit = antwoorden_opslaan(
        formulier=besluit, door=omgeving.coordinator, antwoorden={"soort": "SBO"}
    )
    assert "bekostigingscategorie" not in besluit.antwoorden
    assert ontbrekend(besluit) == []


def test_r31_an_extension_names_the_tlv_it_extends(omgeving: Omgeving) -> None:
    eerste = _afgeven(omgeving)
    ander = _in_behandeling(omgeving, roepnaam="Mila")
    verlenging = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "TLV -Verlenging")
    verlenging.leerling = eerste.leerling
    Hulpvraag.objects.filter(pk=verlenging.pk).update(
        leerling=eerste.leerling, schoolgegevens=eerste.schoolgegevens
    )
    verwijzing = Formulier.objects.get(
        hulpvraag=verlenging, versie__definitie__code="verwijzing_tlv"
    )
    # Another pupil's TLV, or a TLV not issued: refused.
    for onjuist in (ander.pk, verlenging.pk):
        with pytest.raises(ValidationError):
            antwoorden_opslaan(
                formulier=verwijzing,
                door=omgeving.ib_kompas,
                antwoorden={"bestaande_tlv": onjuist},
            )
    verwijzing = antwoorden_opslaan(
        formulier=verwijzing, door=omgeving.ib_kompas, antwoorden={"bestaande_tlv": eerste.pk}
    )
    assert ontbrekend(verwijzing) == []


def test_r31_the_school_and_the_swv_are_warned_from_15_april_for_a_tlv_ending_31_july(
    omgeving: Omgeving,
) -> None:
    tlv_administratie = account_maken(omgeving.ppo, "tvos", rol="tlv_administratie")
    _afgeven(omgeving)
    nadert = Bericht.objects.filter(sjabloon="formulieren/mail/termijn_nadert.txt")
    termijnen_bewaken(date(2027, 4, 14))
    assert not nadert.exists()
    termijnen_bewaken(date(2027, 4, 15))
    [bericht] = nadert
    assert "31-07-2027" in bericht.onderwerp
    # No coördinator on a TLV: the TLV-administratie is warned with the school.
    assert tlv_administratie.email.lower() in bericht.aan
    assert omgeving.ib_kompas.email.lower() in bericht.aan
    assert date(2027, 7, 31) - timedelta(days=107) == date(2027, 4, 15)


def test_r31_every_issued_tlv_is_listed_with_its_end_date_for_swv_staff_only(
    omgeving: Omgeving,
) -> None:
    afgegeven = _afgeven(omgeving)
    # A decision still being drafted is not listed.
    concept = _in_behandeling(omgeving, roepnaam="Mila")
    antwoorden_opslaan(
        formulier=_besluit(concept),
        door=omgeving.coordinator,
        antwoorden={"ingangsdatum": date(2027, 3, 8)},
    )
    url = reverse("formulieren:termijnen") + "?formulier=besluit_tlv"
    pagina = omgeving.client(omgeving.coordinator).get(url).content.decode()
    assert afgegeven.referentie in pagina
    assert "31-07-2027" in pagina
    assert concept.referentie not in pagina
    school = omgeving.client(omgeving.ib_kompas)
    assert school.get(url).status_code == 404
    for gebruiker in (omgeving.ib_ander_swv, omgeving.ouder):
        assert omgeving.client(gebruiker).get(url).status_code == 404
    # The bezwaartermijn runs six weeks from the decision date, shown with the decision.
    tonen = reverse("formulieren:tonen", args=[afgegeven.referentie, _besluit(afgegeven).pk])
    assert "bezwaar mogelijk tot en met 12-04-2027" in school.get(tonen).content.decode()
    # And on the hulpvraag's own page, among its kenmerken.
    detail = school.get(reverse("hulpvragen:detail", args=[afgegeven.referentie]))
    assert "<dt>Bezwaartermijn</dt><dd>tot en met 12-04-2027 (Besluit TLV)</dd>" in (
        detail.content.decode()
    )


def test_r31_the_termijnen_page_takes_a_fixed_number_of_queries(omgeving: Omgeving) -> None:
    client = omgeving.client(omgeving.coordinator)
    url = reverse("formulieren:termijnen")
    _afgeven(omgeving)
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    _afgeven(omgeving, roepnaam="Mila")
    _afgeven(omgeving, roepnaam="Noor")
    with CaptureQueriesContext(connection) as drie:
        pagina = client.get(url).content.decode()
    assert pagina.count("31-07-2027") == 3
    assert len(drie.captured_queries) == len(een.captured_queries)
