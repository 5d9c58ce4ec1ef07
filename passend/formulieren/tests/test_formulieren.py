"""Forms as data on the Ondersteuningsbudget and TLV processes (R21, R23-R29): attached by
status, written per question by the party it names, signed by the bevoegd gezag, and required
complete before the school can submit or the regiomanager decide."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from passend.accounts.tests.factories import account_maken
from passend.audit.models import Inzage
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.formulieren.models import Formulier, Formulierdefinitie, Ondertekening
from passend.formulieren.presets import PRESETS_MAP, formulieren_laden
from passend.formulieren.rechten import mag_formulier_zien, schrijfbare_vragen
from passend.formulieren.services import (
    antwoorden_opslaan,
    ondertekenen,
    ondertekening_intrekken,
    ontbrekend,
)
from passend.formulieren.termijnen import termijnen_bewaken
from passend.formulieren.tests.conftest import ObAanvraag
from passend.formulieren.tests.factories import OB_SCHOOLANTWOORDEN, ob_aanvraag_invullen
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.rechten import statuskeuzes, toegestane_statussen
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.notificaties.models import Bericht
from passend.processen.models import Status
from passend.processen.presets import PresetFout

SCHOOLANTWOORDEN = OB_SCHOOLANTWOORDEN


def _status(ob: ObAanvraag, code: str) -> Status:
    return Status.objects.get(
        proces__swv=ob.hulpvraag.swv, proces__code="ondersteuningsbudget", code=code
    )


def _invullen_en_ondertekenen(omgeving: Omgeving, ob: ObAanvraag) -> None:
    ob_aanvraag_invullen(ob.hulpvraag, omgeving.ib_regenboog, ob.directeur)


def _indienen(omgeving: Omgeving, ob: ObAanvraag) -> None:
    hulpvraag_status_wijzigen(
        hulpvraag=ob.hulpvraag, naar=_status(ob, "ob_aanvraag_indienen"), door=omgeving.ib_regenboog
    )


def test_r21_r23_an_ob_request_starts_with_its_application_form(ob: ObAanvraag) -> None:
    assert ob.hulpvraag.status.naam == "OB voorlopige aanvraag"
    assert str(ob.formulier) == "Aanvraag Ondersteuningsbudget"
    assert ob.formulier.versie.nummer == 1
    assert [v.code for v in ontbrekend(ob.formulier)] == [
        "onderwijsbehoeften",
        "basisondersteuning",
        "inzet",
        "bedrag",
        "startdatum",
        "einddatum",
        "ouders_ingestemd",
        "bevoegd_gezag",
        "ondertekening_bevoegd_gezag",
    ]


def test_r23_the_school_submits_only_a_complete_form_signed_by_the_bevoegd_gezag(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    indienen = _status(ob, "ob_aanvraag_indienen")
    assert indienen not in toegestane_statussen(omgeving.ib_regenboog, ob.hulpvraag)
    with pytest.raises(ValidationError) as fout:
        _indienen(omgeving, ob)
    assert "naar" in fout.value.message_dict

    antwoorden_opslaan(
        formulier=ob.formulier,
        door=omgeving.ib_regenboog,
        antwoorden={**SCHOOLANTWOORDEN, "bevoegd_gezag": ob.directeur.pk},
    )
    # Everything but the signature: still not.
    assert indienen not in toegestane_statussen(omgeving.ib_regenboog, ob.hulpvraag)
    ondertekenen(
        formulier=ob.formulier, vraag_code="ondertekening_bevoegd_gezag", door=ob.directeur
    )
    # Form complete and signed, but no OPP among the attachments (step 4): still not, and the
    # status form says so. Another kind of document does not count.
    toevoegen(
        ob.hulpvraag, omgeving.ib_regenboog, "Verslag-logopedie.pdf", bestanden.pdf(), "verslag"
    )
    [keuze] = [k for k in statuskeuzes(omgeving.ib_regenboog, ob.hulpvraag) if k.status == indienen]
    assert keuze.ontbreekt == [
        "Voeg een bijlage van het soort ‘OPP (ontwikkelingsperspectief)’ toe (knop Bijlagen)."
    ]
    opp = bestanden._pdf_bytes(bestanden._pdf_met_tekst("OPP"))
    toevoegen(ob.hulpvraag, omgeving.ib_regenboog, "OPP-2027.pdf", opp, "opp")
    assert indienen in toegestane_statussen(omgeving.ib_regenboog, ob.hulpvraag)

    assert not Hulpvraag.objects.zichtbaar_voor(omgeving.scp).filter(pk=ob.hulpvraag.pk).exists()
    _indienen(omgeving, ob)
    # Submitted: now the SWV sees it (R21).
    assert Hulpvraag.objects.zichtbaar_voor(omgeving.scp).filter(pk=ob.hulpvraag.pk).exists()
    ob.formulier.refresh_from_db()
    assert ob.formulier.ingediend_op is not None
    # Submitted: read-only for the school and the bevoegd gezag, signature kept.
    assert schrijfbare_vragen(omgeving.ib_regenboog, ob.formulier) == set()
    with pytest.raises(PermissionDenied):
        antwoorden_opslaan(
            formulier=ob.formulier, door=omgeving.ib_regenboog, antwoorden={"inzet": "x"}
        )
    ondertekening = Ondertekening.objects.get(formulier=ob.formulier)
    with pytest.raises(PermissionDenied):
        ondertekening_intrekken(ondertekening=ondertekening, door=ob.directeur)


def test_r24_r25_each_question_is_written_only_by_the_party_it_names(
    omgeving: Omgeving, ob: ObAanvraag, directeur
) -> None:
    formulier = ob.formulier
    schoolvragen = {
        "onderwijsbehoeften",
        "basisondersteuning",
        "inzet",
        "bedrag",
        "startdatum",
        "einddatum",
        "ouders_ingestemd",
        "bevoegd_gezag",
    }
    assert schrijfbare_vragen(omgeving.ib_regenboog, formulier) == schoolvragen
    # The directeur works at the school too, but writes the bevoegd-gezag questions only once
    # the school chose this account.
    assert schrijfbare_vragen(directeur, formulier) == schoolvragen
    antwoorden_opslaan(
        formulier=formulier, door=omgeving.ib_regenboog, antwoorden={"bevoegd_gezag": directeur.pk}
    )
    formulier.refresh_from_db()
    assert schrijfbare_vragen(directeur, formulier) == schoolvragen | {
        "opmerking_bevoegd_gezag",
        "ondertekening_bevoegd_gezag",
    }
    # A crafted POST: the IB'er writes the bevoegd gezag's remark; nothing is stored.
    with pytest.raises(PermissionDenied):
        antwoorden_opslaan(
            formulier=formulier,
            door=omgeving.ib_regenboog,
            antwoorden={"inzet": "Assistent", "opmerking_bevoegd_gezag": "Akkoord"},
        )
    formulier.refresh_from_db()
    assert "inzet" not in formulier.antwoorden
    # Another school, the SWV (cannot even see it yet), another SWV, a parent: nothing.
    for gebruiker in (
        omgeving.ib_kompas,
        omgeving.regiomanager,
        omgeving.scp,
        omgeving.ib_ander_swv,
        omgeving.ouder,
    ):
        assert schrijfbare_vragen(gebruiker, formulier) == set(), gebruiker
        with pytest.raises(PermissionDenied):
            antwoorden_opslaan(formulier=formulier, door=gebruiker, antwoorden={"inzet": "x"})
    # An unknown question or a signature sent as an answer is refused too.
    for antwoorden in ({"bestaat_niet": "x"}, {"ondertekening_bevoegd_gezag": True}):
        with pytest.raises(PermissionDenied):
            antwoorden_opslaan(formulier=formulier, door=directeur, antwoorden=antwoorden)


def test_r25_the_bevoegd_gezag_is_a_directeur_of_the_school(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    directeur_elders = account_maken(
        omgeving.ppo, "hdekker", rol="directeur", scholen=(omgeving.kompas,)
    )
    for ongeschikt in (directeur_elders, omgeving.ib_regenboog):
        with pytest.raises(ValidationError) as fout:
            antwoorden_opslaan(
                formulier=ob.formulier,
                door=omgeving.ib_regenboog,
                antwoorden={"bevoegd_gezag": ongeschikt.pk},
            )
        assert fout.value.message_dict == {"bevoegd_gezag": ["Kies een account uit de lijst."]}


def test_r24_a_value_that_does_not_fit_its_question_is_refused_and_nothing_is_stored(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    gevallen = {
        "bedrag": (Decimal("-10"), "Een bedrag is groter dan € 0,00."),
        "startdatum": ("31-02-2027", "Vul de datum in als dd-mm-jjjj."),
        "ouders_ingestemd": ("ja", "Kies ja of nee."),
    }
    for code, (waarde, melding) in gevallen.items():
        with pytest.raises(ValidationError) as fout:
            antwoorden_opslaan(
                formulier=ob.formulier,
                door=omgeving.ib_regenboog,
                antwoorden={"inzet": "Assistent", code: waarde},
            )
        assert fout.value.message_dict == {code: [melding]}
    with pytest.raises(ValidationError) as fout:
        antwoorden_opslaan(
            formulier=ob.formulier,
            door=omgeving.ib_regenboog,
            antwoorden={"bedrag": Decimal("12.345")},
        )
    assert "twee cijfers na de komma" in fout.value.messages[0]
    ob.formulier.refresh_from_db()
    assert ob.formulier.antwoorden == {}
    antwoorden_opslaan(
        formulier=ob.formulier, door=omgeving.ib_regenboog, antwoorden={"bedrag": Decimal("4500")}
    )
    ob.formulier.refresh_from_db()
    assert ob.formulier.antwoorden == {"bedrag": "4500.00"}


def test_r24_a_signature_is_given_to_a_complete_form_and_withdrawn_only_by_its_signer(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    antwoorden_opslaan(
        formulier=ob.formulier,
        door=omgeving.ib_regenboog,
        antwoorden={"bevoegd_gezag": ob.directeur.pk},
    )
    with pytest.raises(ValidationError) as fout:
        ondertekenen(
            formulier=ob.formulier, vraag_code="ondertekening_bevoegd_gezag", door=ob.directeur
        )
    assert "Nog niet ingevuld: Wat zijn de onderwijsbehoeften" in fout.value.messages[0]
    with pytest.raises(PermissionDenied):
        ondertekenen(
            formulier=ob.formulier,
            vraag_code="ondertekening_bevoegd_gezag",
            door=omgeving.ib_regenboog,
        )

    antwoorden_opslaan(
        formulier=ob.formulier, door=omgeving.ib_regenboog, antwoorden=SCHOOLANTWOORDEN
    )
    ondertekening = ondertekenen(
        formulier=ob.formulier, vraag_code="ondertekening_bevoegd_gezag", door=ob.directeur
    )
    assert Inzage.objects.filter(
        gebeurtenis="formulier_ondertekend", gebruiker_id=ob.directeur.pk
    ).exists()
    # The school cannot swap the bevoegd gezag under a placed signature, nor withdraw it.
    tweede = account_maken(omgeving.ppo, "tdirect", rol="directeur", scholen=(omgeving.regenboog,))
    with pytest.raises(ValidationError):
        antwoorden_opslaan(
            formulier=ob.formulier,
            door=omgeving.ib_regenboog,
            antwoorden={"bevoegd_gezag": tweede.pk},
        )
    with pytest.raises(PermissionDenied):
        ondertekening_intrekken(ondertekening=ondertekening, door=omgeving.ib_regenboog)

    ondertekening_intrekken(ondertekening=ondertekening, door=ob.directeur)
    ob.formulier.refresh_from_db()
    assert [v.code for v in ontbrekend(ob.formulier)] == ["ondertekening_bevoegd_gezag"]
    # Withdrawn, the history stays: the row is kept with its time.
    ondertekening.refresh_from_db()
    assert ondertekening.ingetrokken_op is not None


def test_p2_the_access_log_names_the_questions_never_the_answers(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    antwoorden_opslaan(
        formulier=ob.formulier, door=omgeving.ib_regenboog, antwoorden=SCHOOLANTWOORDEN
    )
    rij = Inzage.objects.get(gebeurtenis="formulier_gewijzigd")
    assert rij.details["vragen"] == sorted(SCHOOLANTWOORDEN)
    assert "Structuur" not in str(rij.details)


def test_r28_a_filled_form_appears_in_no_mail(omgeving: Omgeving, ob: ObAanvraag) -> None:
    _invullen_en_ondertekenen(omgeving, ob)
    _indienen(omgeving, ob)
    teksten = " ".join(b.onderwerp + b.tekst for b in Bericht.objects.all())
    assert Bericht.objects.exists()
    for antwoord in ("Structuur", "onderwijsassistent", "4500", "4.500"):
        assert antwoord not in teksten


def test_r27_the_regiomanager_decides_only_with_the_besluit_form_which_the_school_reads_afterwards(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    _invullen_en_ondertekenen(omgeving, ob)
    _indienen(omgeving, ob)
    besluit = Formulier.objects.get(
        hulpvraag=ob.hulpvraag, versie__definitie__code="besluit_ondersteuningsbudget"
    )
    # Drafted by the SWV: the school does not see it yet.
    assert not mag_formulier_zien(omgeving.ib_regenboog, besluit)
    assert mag_formulier_zien(omgeving.regiomanager, besluit)
    hulpvraag_status_wijzigen(
        hulpvraag=ob.hulpvraag, naar=_status(ob, "ob_in_behandeling"), door=omgeving.scp
    )
    toegekend = _status(ob, "gearrangeerd_budget")
    assert toegekend not in toegestane_statussen(omgeving.regiomanager, ob.hulpvraag)
    # Only the regiomanager writes it; the SCP does not.
    with pytest.raises(PermissionDenied):
        antwoorden_opslaan(
            formulier=besluit, door=omgeving.scp, antwoorden={"besluit": "Toegekend"}
        )
    besluit = antwoorden_opslaan(
        formulier=besluit,
        door=omgeving.regiomanager,
        antwoorden={"besluit": "Toegekend", "motivering": "Past bij de onderwijsbehoeften."},
    )
    # "Toegekend" shows the amount, period and evaluation date, required.
    assert [v.code for v in ontbrekend(besluit)] == [
        "bedrag",
        "periode_van",
        "periode_tot",
        "evaluatiedatum",
    ]
    besluit = antwoorden_opslaan(
        formulier=besluit, door=omgeving.regiomanager, antwoorden={"besluit": "Afgewezen"}
    )
    assert ontbrekend(besluit) == []
    # Complete, but it says Afgewezen: the status follows the decision, not the other way.
    keuzes = {k.status.code: k.ontbreekt for k in statuskeuzes(omgeving.regiomanager, ob.hulpvraag)}
    assert keuzes["afgewezen_regiomanager"] == []
    assert keuzes["gearrangeerd_budget"] == [
        "Besluit aanvraag ondersteuningsbudget: het antwoord op ‘Besluit’ is niet ‘Toegekend’."
    ]
    antwoorden_opslaan(
        formulier=besluit,
        door=omgeving.regiomanager,
        antwoorden={
            "besluit": "Toegekend",
            "bedrag": Decimal("4000"),
            "periode_van": date(2027, 1, 4),
            "periode_tot": date(2027, 7, 16),
            "evaluatiedatum": date(2027, 6, 1),
        },
    )
    hulpvraag_status_wijzigen(hulpvraag=ob.hulpvraag, naar=toegekend, door=omgeving.regiomanager)
    besluit.refresh_from_db()
    assert mag_formulier_zien(omgeving.ib_regenboog, besluit)
    assert schrijfbare_vragen(omgeving.regiomanager, besluit) == set()
    # R28: a grant brings the Evaluatieformulier OB, for the school to fill in.
    evaluatie = Formulier.objects.get(
        hulpvraag=ob.hulpvraag, versie__definitie__code="evaluatieformulier_ob"
    )
    assert "informeer_coordinator" in schrijfbare_vragen(omgeving.ib_regenboog, evaluatie)


def test_r24_r26_incompleet_reopens_the_form_and_signed_answers_change_only_after_withdrawal(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    _invullen_en_ondertekenen(omgeving, ob)
    _indienen(omgeving, ob)
    hulpvraag_status_wijzigen(
        hulpvraag=ob.hulpvraag,
        naar=_status(ob, "ob_incompleet"),
        door=omgeving.scp,
        reden="De periode klopt niet met het OPP.",
    )
    ob.formulier.refresh_from_db()
    assert ob.formulier.ingediend_op is None
    # Signed answers stay as signed: the school changes them only after the directeur
    # withdrew the signature, and the directeur signs the new answers.
    nieuw = {"einddatum": date(2027, 6, 30)}
    with pytest.raises(ValidationError) as fout:
        antwoorden_opslaan(formulier=ob.formulier, door=omgeving.ib_regenboog, antwoorden=nieuw)
    assert fout.value.messages == [
        f"{ob.directeur.volledige_naam} heeft dit formulier op "
        f"{timezone.localdate():%d-%m-%Y} ondertekend. Wijzigen kan pas als "
        f"{ob.directeur.volledige_naam} de ondertekening intrekt; vraag dat eerst."
    ]
    ondertekening_intrekken(ondertekening=Ondertekening.objects.get(), door=ob.directeur)
    antwoorden_opslaan(formulier=ob.formulier, door=omgeving.ib_regenboog, antwoorden=nieuw)
    assert _status(ob, "ob_aanvraag_indienen") not in toegestane_statussen(
        omgeving.ib_regenboog, ob.hulpvraag
    )
    ondertekenen(
        formulier=ob.formulier, vraag_code="ondertekening_bevoegd_gezag", door=ob.directeur
    )
    _indienen(omgeving, ob)


def test_r29_the_ijsselmonde_tlv_request_needs_its_form_before_tlv_2_indienen(
    omgeving: Omgeving, directeur
) -> None:
    hulpvraag = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "TLV-aanvraag (IJsselmonde)"
    )
    formulier = Formulier.objects.get(hulpvraag=hulpvraag)
    assert str(formulier) == "TLV-aanvraagformulier"
    assert not any(
        s.code == "tlv_2_indienen" for s in toegestane_statussen(omgeving.ib_regenboog, hulpvraag)
    )
    # A TLV outside IJsselmonde is submitted at once, as schools know it; the SWV's Besluit TLV
    # waits for the decision (the school does not see it yet), and only an extension or change
    # asks which TLV it changes.
    tlv = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "TLV -Nieuw")
    assert [str(f) for f in Formulier.objects.filter(hulpvraag=tlv)] == ["Besluit TLV"]
    verlenging = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "TLV -Verlenging")
    assert sorted(str(f) for f in Formulier.objects.filter(hulpvraag=verlenging)) == [
        "Besluit TLV",
        "Verwijzing naar de TLV",
    ]


def test_r24_a_new_version_of_a_definition_leaves_filled_forms_as_they_were(
    omgeving: Omgeving, ob: ObAanvraag, tmp_path
) -> None:
    """The preset with the application form cut to its first section: a reload adds version
    2, which a new request gets; the request already started keeps version 1 and its answers.
    Loading the same file again adds nothing."""
    antwoorden_opslaan(
        formulier=ob.formulier, door=omgeving.ib_regenboog, antwoorden=SCHOOLANTWOORDEN
    )
    gegevens = yaml.safe_load((PRESETS_MAP / "ppo_rotterdam.yaml").read_text(encoding="utf-8"))
    aanvraag = gegevens["formulieren"][0]
    aanvraag["secties"] = aanvraag["secties"][:1]
    pad = tmp_path / "ppo_rotterdam.yaml"
    pad.write_text(yaml.safe_dump(gegevens, allow_unicode=True), encoding="utf-8")
    resultaat = formulieren_laden(swv=omgeving.ppo, pad=pad)
    assert resultaat.bijgewerkt == ['formulier "Aanvraag Ondersteuningsbudget"']
    assert formulieren_laden(swv=omgeving.ppo, pad=pad).bijgewerkt == []

    ob.formulier.refresh_from_db()
    assert ob.formulier.versie.nummer == 1
    assert len(ob.formulier.definitie.vragen) == 10
    assert ob.formulier.antwoorden["inzet"] == SCHOOLANTWOORDEN["inzet"]
    later = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, "Ondersteuningsbudget")
    formulier = Formulier.objects.get(hulpvraag=later)
    assert formulier.versie.nummer == 2
    assert [v.code for v in formulier.definitie.vragen] == [
        "onderwijsbehoeften",
        "basisondersteuning",
    ]


def test_r24_a_faulty_form_in_a_preset_changes_nothing(omgeving: Omgeving, tmp_path) -> None:
    gegevens = yaml.safe_load((PRESETS_MAP / "ppo_rotterdam.yaml").read_text(encoding="utf-8"))
    vragen = gegevens["formulieren"][0]["secties"][0]["vragen"]
    vragen[0]["soort"] = "tekening"
    vragen[1]["code"] = vragen[0]["code"]
    gegevens["formulieren"][1]["secties"][0]["vragen"][1]["toon_als"] = {"vraag": "x", "is": "y"}
    gegevens["formulieren"][2]["koppelen_bij"] = ["ondersteuningsbudget.bestaat_niet"]
    pad = tmp_path / "ppo_rotterdam.yaml"
    pad.write_text(yaml.safe_dump(gegevens, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PresetFout) as fout:
        formulieren_laden(swv=omgeving.ppo, pad=pad)
    assert fout.value.fouten == [
        "Formulier ‘aanvraag_ondersteuningsbudget’: Vraag ‘onderwijsbehoeften’: onbekende "
        "soort ‘tekening’.",
        "Formulier ‘aanvraag_ondersteuningsbudget’: Vraag ‘onderwijsbehoeften’ staat twee keer "
        "in het formulier.",
        "Formulier ‘besluit_ondersteuningsbudget’: Vraag ‘bedrag’: ‘toon_als’ noemt een vraag "
        "die er eerder niet is.",
        "Formulier ‘evaluatieformulier_ob’: onbekende status ‘ondersteuningsbudget.bestaat_niet’ "
        "(proces.status).",
    ]
    assert all(d.versies.count() == 1 for d in Formulierdefinitie.objects.filter(swv=omgeving.ppo))


def test_r24_the_chosen_bevoegd_gezag_gets_a_mail_without_pupil_or_answers(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    antwoorden_opslaan(
        formulier=ob.formulier,
        door=omgeving.ib_regenboog,
        antwoorden={**SCHOOLANTWOORDEN, "bevoegd_gezag": ob.directeur.pk},
    )
    [bericht] = Bericht.objects.filter(sjabloon="formulieren/mail/bevoegd_gezag_gekozen.txt")
    assert bericht.aan == [ob.directeur.email]
    assert ob.hulpvraag.referentie in bericht.onderwerp
    assert f"/hulpvragen/{ob.hulpvraag.referentie}/formulieren/{ob.formulier.pk}/" in bericht.tekst
    for geheim in (ob.hulpvraag.leerling.roepnaam, ob.hulpvraag.leerling.achternaam, "Structuur"):
        assert geheim not in bericht.onderwerp + bericht.tekst
    # Saving again without a new choice sends nothing more.
    antwoorden_opslaan(
        formulier=ob.formulier, door=omgeving.ib_regenboog, antwoorden={"inzet": "Anders."}
    )
    assert Bericht.objects.filter(sjabloon__startswith="formulieren/").count() == 1


def _toegekend(omgeving: Omgeving, ob: ObAanvraag, evaluatiedatum: date) -> Formulier:
    """The OB request through to "Gearrangeerd budget"; its Evaluatieformulier OB."""
    _invullen_en_ondertekenen(omgeving, ob)
    _indienen(omgeving, ob)
    hulpvraag_status_wijzigen(
        hulpvraag=ob.hulpvraag, naar=_status(ob, "ob_in_behandeling"), door=omgeving.scp
    )
    antwoorden_opslaan(
        formulier=Formulier.objects.get(
            hulpvraag=ob.hulpvraag, versie__definitie__code="besluit_ondersteuningsbudget"
        ),
        door=omgeving.regiomanager,
        antwoorden={
            "besluit": "Toegekend",
            "bedrag": Decimal("4000"),
            "periode_van": date(2027, 1, 4),
            "periode_tot": date(2027, 7, 16),
            "evaluatiedatum": evaluatiedatum,
            "motivering": "Past bij de onderwijsbehoeften.",
        },
    )
    hulpvraag_status_wijzigen(
        hulpvraag=ob.hulpvraag, naar=_status(ob, "gearrangeerd_budget"), door=omgeving.regiomanager
    )
    return Formulier.objects.get(
        hulpvraag=ob.hulpvraag, versie__definitie__code="evaluatieformulier_ob"
    )


def test_r28_informeer_coordinator_mails_the_coordinator_once(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    evaluatie = _toegekend(omgeving, ob, date(2027, 6, 1))
    antwoorden_opslaan(
        formulier=evaluatie,
        door=omgeving.ib_regenboog,
        antwoorden={
            "doel_bereikt": "Ja",
            "evaluatie": "Het werkte.",
            "informeer_coordinator": False,
        },
    )
    sjabloon = "formulieren/mail/coordinator_geinformeerd.txt"
    assert not Bericht.objects.filter(sjabloon=sjabloon).exists()
    antwoorden_opslaan(
        formulier=evaluatie, door=omgeving.ib_regenboog, antwoorden={"informeer_coordinator": True}
    )
    [bericht] = Bericht.objects.filter(sjabloon=sjabloon)
    assert bericht.aan == [omgeving.scp.email]  # the SCP is this request's coördinator
    assert "Het werkte" not in bericht.tekst
    antwoorden_opslaan(
        formulier=evaluatie, door=omgeving.ib_regenboog, antwoorden={"informeer_coordinator": True}
    )
    assert Bericht.objects.filter(sjabloon=sjabloon).count() == 1


def test_r28_the_evaluation_deadline_reminds_the_school_before_and_the_coordinator_after(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    deadline = date(2027, 6, 1)
    _toegekend(omgeving, ob, deadline)
    nadert = Bericht.objects.filter(sjabloon="formulieren/mail/termijn_nadert.txt")
    verlopen = Bericht.objects.filter(sjabloon="formulieren/mail/termijn_verlopen.txt")

    assert "0 herinnering" in termijnen_bewaken(deadline - timedelta(days=15))
    assert not nadert.exists()
    termijnen_bewaken(deadline - timedelta(days=14))
    [bericht] = nadert
    schoolgegevens = ob.hulpvraag.schoolgegevens
    assert set(bericht.aan) == {
        schoolgegevens.aanvrager.email.lower(),
        schoolgegevens.email.lower(),
        omgeving.scp.email.lower(),
    }
    assert "01-06-2027" in bericht.onderwerp
    termijnen_bewaken(deadline)
    assert nadert.count() == 1 and not verlopen.exists()
    termijnen_bewaken(deadline + timedelta(days=1))
    termijnen_bewaken(deadline + timedelta(days=2))
    [bericht] = verlopen
    assert bericht.aan == [omgeving.scp.email.lower()]
    assert ob.hulpvraag.leerling.achternaam not in bericht.tekst
