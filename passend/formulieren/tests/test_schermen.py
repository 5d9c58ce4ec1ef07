"""The tab "Formulier" as the manual walks it (R24): the hulpvraag → its forms → "Formulier
bewerken"; bad input comes back with what was typed; the bevoegd gezag signs deliberately; the
status form says what is still missing instead of hiding the status."""

import io

from django.urls import reverse
from pypdf import PdfReader

from passend.audit.models import Inzage
from passend.formulieren.models import Formulier, Ondertekening
from passend.formulieren.tests.conftest import ObAanvraag
from passend.formulieren.tests.factories import ob_aanvraag_invullen
from passend.hulpvragen.tests.conftest import Omgeving


def _urls(ob: ObAanvraag) -> dict[str, str]:
    referentie, pk = ob.hulpvraag.referentie, ob.formulier.pk
    return {
        "lijst": reverse("formulieren:lijst", args=[referentie]),
        "tonen": reverse("formulieren:tonen", args=[referentie, pk]),
        "bewerken": reverse("formulieren:bewerken", args=[referentie, pk]),
        "ondertekenen": reverse(
            "formulieren:ondertekenen", args=[referentie, pk, "ondertekening_bevoegd_gezag"]
        ),
    }


def test_r24_the_ib_finds_the_form_on_the_hulpvraag_and_fills_it_in(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    client = omgeving.client(omgeving.ib_regenboog)
    detail = client.get(reverse("hulpvragen:detail", args=[ob.hulpvraag.referentie]))
    assert "1 Formulier" in detail.content.decode()
    urls = _urls(ob)
    lijst = client.get(urls["lijst"]).content.decode()
    assert "Aanvraag Ondersteuningsbudget" in lijst
    assert "Nog 9 vragen open" in lijst
    tonen = client.get(urls["tonen"]).content.decode()
    assert "Formulier bewerken" in tonen
    assert "Nog niet ingevuld of ondertekend" in tonen

    antwoord = client.post(
        urls["bewerken"],
        {
            "onderwijsbehoeften": "Structuur en voorspelbaarheid.",
            "bedrag": "4.500,50",
            "startdatum": "04-01-2027",
            "ouders_ingestemd": "ja",
            "bevoegd_gezag": str(ob.directeur.pk),
        },
    )
    assert antwoord.status_code == 302
    ob.formulier.refresh_from_db()
    assert ob.formulier.antwoorden == {
        "onderwijsbehoeften": "Structuur en voorspelbaarheid.",
        "bedrag": "4500.50",
        "startdatum": "2027-01-04",
        "ouders_ingestemd": True,
        "bevoegd_gezag": ob.directeur.pk,
    }
    tonen = client.get(urls["tonen"]).content.decode()
    assert "€ 4.500,50" in tonen
    assert "04-01-2027" in tonen
    assert Inzage.objects.filter(
        gebeurtenis="formulier_bekeken", gebruiker_id=omgeving.ib_regenboog.pk
    ).exists()


def test_r24_bad_input_comes_back_with_everything_typed_and_a_dutch_message(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    client = omgeving.client(omgeving.ib_regenboog)
    getypt = "Een lange beschrijving die niet verloren mag gaan."
    antwoord = client.post(
        _urls(ob)["bewerken"],
        {"onderwijsbehoeften": getypt, "bedrag": "-5", "startdatum": "31-02-2027"},
    )
    pagina = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert getypt in pagina
    assert "Een bedrag is groter dan € 0,00." in pagina
    assert "De datum 31-02-2027 bestaat niet" in pagina
    ob.formulier.refresh_from_db()
    assert ob.formulier.antwoorden == {}


def test_r24_a_crafted_post_for_the_bevoegd_gezags_question_stores_nothing_of_it(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    client = omgeving.client(omgeving.ib_regenboog)
    client.post(
        _urls(ob)["bewerken"],
        {"bevoegd_gezag": str(ob.directeur.pk), "opmerking_bevoegd_gezag": "Akkoord"},
    )
    ob.formulier.refresh_from_db()
    assert "opmerking_bevoegd_gezag" not in ob.formulier.antwoorden
    # Signing on the directeur's behalf: 404, nothing signed.
    assert client.post(_urls(ob)["ondertekenen"], {"bevestigd": "ja"}).status_code == 404
    assert not Ondertekening.objects.exists()


def test_r24_the_bevoegd_gezag_signs_only_by_ticking_the_box(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    ob_aanvraag_invullen(ob.hulpvraag, omgeving.ib_regenboog, ob.directeur)
    Ondertekening.objects.all().update(ingetrokken_op="2026-01-01T00:00:00Z")
    client = omgeving.client(ob.directeur)
    urls = _urls(ob)
    assert "Ondertekenen" in client.get(urls["tonen"]).content.decode()
    antwoord = client.post(urls["ondertekenen"], {}, follow=True)
    assert "Vink aan dat u ondertekent" in antwoord.content.decode()
    assert not Ondertekening.objects.filter(ingetrokken_op__isnull=True).exists()
    antwoord = client.post(urls["ondertekenen"], {"bevestigd": "ja"}, follow=True)
    assert "U heeft het formulier ondertekend." in antwoord.content.decode()
    assert "Ondertekend door" in antwoord.content.decode()


def test_r24_others_get_404_on_every_form_page(omgeving: Omgeving, ob: ObAanvraag) -> None:
    urls = _urls(ob)
    for gebruiker in (omgeving.ib_kompas, omgeving.scp, omgeving.ib_ander_swv, omgeving.ouder):
        client = omgeving.client(gebruiker)
        for naam in ("lijst", "tonen", "bewerken"):
            assert client.get(urls[naam]).status_code == 404, (gebruiker, naam)
        assert client.post(urls["bewerken"], {"inzet": "x"}).status_code == 404
    ob.formulier.refresh_from_db()
    assert ob.formulier.antwoorden == {}


def test_r27_the_school_does_not_see_the_draft_decision(omgeving: Omgeving, ob: ObAanvraag) -> None:
    ob_aanvraag_invullen(ob.hulpvraag, omgeving.ib_regenboog, ob.directeur)
    client = omgeving.client(omgeving.ib_regenboog)
    indienen = ob.hulpvraag.titel.proces.statussen.get(code="ob_aanvraag_indienen")
    client.post(
        reverse("hulpvragen:status_wijzigen", args=[ob.hulpvraag.referentie]),
        {"naar": indienen.pk, "huidige_status": ob.hulpvraag.status_id},
    )
    besluit = Formulier.objects.get(
        hulpvraag=ob.hulpvraag, versie__definitie__code="besluit_ondersteuningsbudget"
    )
    url = reverse("formulieren:tonen", args=[ob.hulpvraag.referentie, besluit.pk])
    assert client.get(url).status_code == 404
    assert "Besluit" not in client.get(_urls(ob)["lijst"]).content.decode()
    assert omgeving.client(omgeving.regiomanager).get(url).status_code == 200


def test_r20_the_status_form_shows_a_blocked_status_with_what_is_missing(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:status_wijzigen", args=[ob.hulpvraag.referentie])
    pagina = client.get(url).content.decode()
    assert "Nog niet te kiezen" in pagina
    assert "OB aanvraag indienen" in pagina
    # Each item links to where to fix it: the form, the attachments.
    formulier_url = reverse("formulieren:tonen", args=[ob.hulpvraag.referentie, ob.formulier.pk])
    assert (
        f'<a href="{formulier_url}">Aanvraag Ondersteuningsbudget: ‘Gevraagd bedrag’ is nog niet '
        "ingevuld.</a>" in pagina
    )
    bijlagen_url = reverse("bijlagen:toevoegen", args=[ob.hulpvraag.referentie])
    assert f'<a href="{bijlagen_url}">Voeg een bijlage van het soort' in pagina
    # A crafted POST of the blocked status gets the same list, and nothing changes.
    indienen = ob.hulpvraag.titel.proces.statussen.get(code="ob_aanvraag_indienen")
    antwoord = client.post(url, {"naar": indienen.pk, "huidige_status": ob.hulpvraag.status_id})
    assert "U kunt nog niet kiezen voor ‘OB aanvraag indienen’" in antwoord.content.decode()
    ob.hulpvraag.refresh_from_db()
    assert ob.hulpvraag.status.code == "ob_voorlopige_aanvraag"


def test_r24_a_filled_form_downloads_as_pdf_with_swv_reference_answers_signature_and_version(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    ob_aanvraag_invullen(ob.hulpvraag, omgeving.ib_regenboog, ob.directeur)
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("formulieren:pdf", args=[ob.hulpvraag.referentie, ob.formulier.pk])
    antwoord = client.get(url)
    assert antwoord["Content-Type"] == "application/pdf"
    assert "attachment" in antwoord["Content-Disposition"]
    tekst = " ".join(
        pagina.extract_text() for pagina in PdfReader(io.BytesIO(antwoord.content)).pages
    )
    tekst = " ".join(tekst.split())
    for verwacht in (
        "PPO Rotterdam",
        ob.hulpvraag.referentie,
        "Aanvraag Ondersteuningsbudget",
        "formulierversie 1",
        "Structuur en voorspelbaarheid",
        "€ 4.500,00",
        "04-01-2027",
        "Ondertekend door Ingrid Verhoef op",
    ):
        assert verwacht in tekst, verwacht
    # The pupil's name is not in it; the download is in the access log.
    assert ob.hulpvraag.leerling.achternaam not in tekst
    assert Inzage.objects.filter(gebeurtenis="formulier_gedownload").count() == 1
    assert omgeving.client(omgeving.ib_kompas).get(url).status_code == 404


def test_r3_making_a_pdf_leaves_the_truncated_image_check_of_attachments_intact() -> None:
    """WeasyPrint switches Pillow's LOAD_TRUNCATED_IMAGES on when imported; a worker that made a
    PDF would then accept a broken photo as attachment."""
    from PIL import ImageFile

    from passend.formulieren import pdf  # noqa: F401

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_r24_the_edit_page_says_a_signed_form_needs_the_signature_withdrawn_first(
    omgeving: Omgeving, ob: ObAanvraag
) -> None:
    ob_aanvraag_invullen(ob.hulpvraag, omgeving.ib_regenboog, ob.directeur)
    client = omgeving.client(omgeving.ib_regenboog)
    getypt = "Anders dan ondertekend."
    antwoord = client.post(_urls(ob)["bewerken"], {"onderwijsbehoeften": getypt})
    pagina = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "ondertekend. Wijzigen kan pas als" in pagina
    assert getypt in pagina
    ob.formulier.refresh_from_db()
    assert ob.formulier.antwoorden["onderwijsbehoeften"] != getypt
