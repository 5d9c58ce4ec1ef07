"""The screens: "N Bijlagen" on the detail, "Bijlagen hulpvraag" as the manual shows it (R17,
R52), adding several files at once, Open and Download with their headers (R49), removal, the
visibility of every path (P1) and the access log (P2)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from passend.audit.models import Inzage
from passend.bijlagen.models import (
    Bijlage,
    Bijlageinstellingen,
    Bijlageverwijdering,
    WachtendeBijlage,
)
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import opgeslagen_bestanden, toevoegen
from passend.bijlagen.views import content_disposition

pytestmark = pytest.mark.django_db

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def lijst_url(hulpvraag, **zoeken):  # type: ignore[no-untyped-def]
    return reverse("bijlagen:lijst", args=[hulpvraag.referentie])


def url(naam: str, bijlage: Bijlage) -> str:
    return reverse(f"bijlagen:{naam}", args=[bijlage.hulpvraag.referentie, bijlage.pk])


def upload(naam: str, inhoud: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type="application/octet-stream")


def test_r17_r53_the_detail_has_the_n_bijlagen_button(omgeving, hulpvraag):
    client = omgeving.client(omgeving.ib_regenboog)
    detail = reverse("hulpvragen:detail", args=[hulpvraag.referentie])
    knop = re.compile(r'<a class="knop knop--secundair" href="([^"]+)">(\d+ Bijlagen?)</a>')

    def gevonden() -> list[tuple[str, str]]:
        return knop.findall(client.get(detail).content.decode())

    assert gevonden() == [(lijst_url(hulpvraag), "0 Bijlagen")]
    toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP.pdf", bestanden.pdf())
    assert gevonden() == [(lijst_url(hulpvraag), "1 Bijlage")]
    toevoegen(hulpvraag, omgeving.ib_regenboog, "Verslag.docx", bestanden.docx())
    toevoegen(hulpvraag, omgeving.ib_regenboog, "Notities.txt", bestanden.txt())
    assert gevonden() == [(lijst_url(hulpvraag), "3 Bijlagen")]


def test_r52_the_screen_as_the_manual_shows_it(omgeving, hulpvraag):
    toevoegen(hulpvraag, omgeving.ib_regenboog, "Op weg naar Kindkans 2.0.docx", bestanden.docx())
    toevoegen(hulpvraag, omgeving.coordinator, "Ontwikkelingsperspectiefplan.pdf", bestanden.pdf())
    pdf = Bijlage.objects.get(soort="pdf")
    docx = Bijlage.objects.get(soort="docx")
    Bijlage.objects.filter(pk=docx.pk).update(toegevoegd_op="2023-10-19T10:00:00+02:00")

    html = omgeving.client(omgeving.ib_regenboog).get(lijst_url(hulpvraag)).content.decode()

    assert "<h1>Bijlagen hulpvraag</h1>" in html
    assert ">Zoeken</h2>" in html and ">Bestandsnaam</label>" in html
    assert f'<a href="{lijst_url(hulpvraag)}">Wissen</a>' in html
    koppen = re.findall(r'<th scope="col">([^<]+)</th>', html)
    assert koppen == [
        "Bestandsnaam",
        "Soort document",
        "Toegevoegd op",
        "Toegevoegd door",
        "Download",
        "Open",
    ]
    rijen = re.findall(r"<tr>\s*" + r"<td>([^<]+)</td>\s*" * 4, html)
    vandaag = pdf.toegevoegd_op.astimezone().strftime("%d-%m-%Y")
    # Added before kinds of document existed, or by a channel without one: "-".
    assert rijen == [
        ("Ontwikkelingsperspectiefplan.pdf", "-", vandaag, omgeving.coordinator.volledige_naam),
        ("Op weg naar Kindkans 2.0.docx", "-", "19-10-2023", omgeving.ib_regenboog.volledige_naam),
    ]
    assert "1 t/m 2 (van 2)" in html
    assert ">+ Bijlage toevoegen</a>" in html
    detail = reverse("hulpvragen:detail", args=[hulpvraag.referentie])
    assert f'href="{detail}">Sluiten</a>' in html
    # R49: the eye only for what a browser shows inline, in a new tab without an opener.
    assert f'href="{url("openen", pdf)}" target="_blank" rel="noopener">' in html
    assert url("openen", docx) not in html
    assert "Open Ontwikkelingsperspectiefplan.pdf (nieuw tabblad)" in html
    assert html.count(">Download<span") == 2


def test_r52_search_on_bestandsnaam_and_paging(omgeving, hulpvraag):
    for nummer in range(27):
        toevoegen(hulpvraag, omgeving.ib_regenboog, f"Verslag {nummer}.txt", f"{nummer}".encode())
    toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP januari.pdf", bestanden.pdf())
    client = omgeving.client(omgeving.ib_regenboog)

    assert "1 t/m 25 (van 28)" in client.get(lijst_url(hulpvraag)).content.decode()
    tweede = client.get(lijst_url(hulpvraag), {"pagina": 2}).content.decode()
    assert "26 t/m 28 (van 28)" in tweede
    gezocht = client.get(lijst_url(hulpvraag), {"bestandsnaam": "opp"}).content.decode()
    assert "OPP januari.pdf" in gezocht and "Verslag" not in gezocht
    assert "1 t/m 1 (van 1)" in gezocht
    assert 'value="opp"' in gezocht
    niets = client.get(lijst_url(hulpvraag), {"bestandsnaam": "rapport"}).content.decode()
    assert "Geen bijlagen gevonden met deze bestandsnaam." in niets
    # The next page keeps the search.
    verslagen = client.get(lijst_url(hulpvraag), {"bestandsnaam": "verslag"}).content.decode()
    assert "?bestandsnaam=verslag&amp;pagina=2" in verslagen


def test_the_list_takes_the_same_queries_for_one_row_or_many(
    omgeving, hulpvraag, django_assert_num_queries
):
    client = omgeving.client(omgeving.ib_regenboog)
    toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP.pdf", bestanden.pdf())
    with django_assert_num_queries(QUERIES_LIJST):
        client.get(lijst_url(hulpvraag))
    for nummer in range(10):
        toevoegen(hulpvraag, omgeving.coordinator, f"Verslag {nummer}.txt", f"{nummer}".encode())
    with django_assert_num_queries(QUERIES_LIJST):
        antwoord = client.get(lijst_url(hulpvraag))
    assert "1 t/m 11 (van 11)" in antwoord.content.decode()


QUERIES_LIJST = 15  # with the removed attachments the SWV keeps seeing (issue 19 item 10)


# --- Adding ----------------------------------------------------------------------------------


def test_r2_several_files_at_once_each_judged_on_its_own(omgeving, hulpvraag):
    pdf = bestanden.pdf()
    bestaande = toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP oktober.pdf", pdf)
    client = omgeving.client(omgeving.ib_regenboog)
    antwoord = client.post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        {
            "documenttype": "overig",
            "bestanden": [
                upload("Verslag groep 5.docx", bestanden.docx()),
                upload("Leerlingkaart.png", bestanden.png()),
                upload("Rapport.pdf", bestanden.exe()),
                upload("Kopie OPP.pdf", pdf),
            ],
        },
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert set(Bijlage.objects.values_list("bestandsnaam", flat=True)) == {
        "OPP oktober.pdf",
        "Verslag groep 5.docx",
        "Leerlingkaart.png",
    }
    assert "Toegevoegd: Verslag groep 5.docx, Leerlingkaart.png" in html
    fouten = re.findall(r'<div class="veld__fout" id="id_bestanden_error">(.*?)</div>', html, re.S)
    assert "Rapport.pdf is niet toegevoegd: " in fouten[0]
    assert "Kopie OPP.pdf is niet toegevoegd: " in fouten[0]
    assert f"‘{bestaande.bestandsnaam}’" in fouten[0]
    assert 'aria-invalid="true"' in html
    assert len(opgeslagen_bestanden()) == 3


def test_r2_all_files_good_leads_back_to_the_list(omgeving, hulpvraag):
    client = omgeving.client(omgeving.ib_regenboog)
    toevoegen_url = reverse("bijlagen:toevoegen", args=[hulpvraag.referentie])
    antwoord = client.post(
        toevoegen_url,
        {
            "documenttype": "overig",
            "bestanden": [upload("OPP.pdf", bestanden.pdf()), upload("Notities.txt", b"Groep 5")],
        },
        follow=True,
    )
    assert antwoord.redirect_chain == [(lijst_url(hulpvraag), 302)]
    assert "2 bijlagen zijn toegevoegd." in antwoord.content.decode()
    # The progress script asks for the address instead of a redirect it would follow itself.
    antwoord = client.post(
        toevoegen_url,
        {"documenttype": "overig", "bestanden": [upload("Plan.txt", b"Plan van aanpak")]},
        headers={"X-Passend-Upload": "1"},
    )
    assert antwoord.status_code == 204
    assert antwoord["X-Passend-Doorsturen"] == lijst_url(hulpvraag)


def test_r2_no_file_chosen_gets_a_message_beside_the_field(omgeving, hulpvraag):
    antwoord = omgeving.client(omgeving.ib_regenboog).post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]), {}
    )
    assert antwoord.status_code == 400
    assert "Kies een of meer bestanden." in antwoord.content.decode()


def test_r4_a_meaningless_name_is_renamed_on_the_screen_without_a_second_upload(
    omgeving, hulpvraag
):
    client = omgeving.client(omgeving.ib_regenboog)
    toevoegen_url = reverse("bijlagen:toevoegen", args=[hulpvraag.referentie])
    antwoord = client.post(
        toevoegen_url,
        {"documenttype": "overig", "bestanden": [upload("scan20250106.pdf", bestanden.pdf())]},
        follow=True,
    )
    assert antwoord.redirect_chain == [(toevoegen_url, 302)]
    html = antwoord.content.decode()
    assert "Deze naam zegt niet wat er in het bestand staat." in html
    wachtend = WachtendeBijlage.objects.get()
    assert 'value="scan20250106.pdf"' in html
    # Another user cannot answer for the uploader.
    vreemde = omgeving.client(omgeving.coordinator).post(
        reverse("bijlagen:wachtend", args=[hulpvraag.referentie, wachtend.pk]),
        {"bestandsnaam": "OPP.pdf", "toevoegen": ""},
    )
    assert vreemde.status_code == 404

    antwoord = client.post(
        reverse("bijlagen:wachtend", args=[hulpvraag.referentie, wachtend.pk]),
        {"bestandsnaam": "OPP 06-01-2025.pdf", "toevoegen": ""},
        follow=True,
    )
    assert antwoord.redirect_chain == [(lijst_url(hulpvraag), 302)]
    assert "OPP 06-01-2025.pdf is toegevoegd." in antwoord.content.decode()
    assert Bijlage.objects.get().bestandsnaam == "OPP 06-01-2025.pdf"


# --- Open and Download (R49) -----------------------------------------------------------------


def inhoud(antwoord) -> bytes:  # type: ignore[no-untyped-def]
    assert antwoord.streaming
    return b"".join(antwoord.streaming_content)


def test_r49_a_checked_pdf_opens_inline_with_safe_headers(omgeving, hulpvraag):
    pdf = bestanden.pdf()
    bijlage = toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP Zoë – 2025.pdf", pdf)
    antwoord = omgeving.client(omgeving.scp).get(url("openen", bijlage))

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == (
        'inline; filename="OPP Zoe _ 2025.pdf"; '
        "filename*=UTF-8''OPP%20Zo%C3%AB%20%E2%80%93%202025.pdf"
    )
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Cache-Control"] == "private, no-store"
    assert antwoord["Content-Length"] == str(len(pdf))
    # Chromium's PDF viewer does not run sandboxed: a strict policy without `sandbox`.
    assert antwoord["Content-Security-Policy"] == (
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
    assert inhoud(antwoord) == pdf


@pytest.mark.parametrize(
    ("naam", "bouwer", "mime"),
    [
        ("Notities.txt", bestanden.txt, "text/plain; charset=utf-8"),
        ("Tekening.png", bestanden.png, "image/png"),
        ("Zelfportret Jan.jpg", bestanden.jpg, "image/jpeg"),
    ],
)
def test_r49_text_and_images_open_inline_in_a_sandbox(omgeving, hulpvraag, naam, bouwer, mime):
    bestand = bouwer()
    bijlage = toevoegen(hulpvraag, omgeving.ib_regenboog, naam, bestand)
    antwoord = omgeving.client(omgeving.ib_regenboog).get(url("openen", bijlage))
    assert antwoord["Content-Type"] == mime
    assert antwoord["Content-Disposition"].startswith(f'inline; filename="{naam}"; ')
    assert antwoord["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Cache-Control"] == "private, no-store"
    assert inhoud(antwoord) == bestand


def test_r49_office_files_only_download_in_a_sandbox(omgeving, hulpvraag):
    docx = bestanden.docx()
    bijlage = toevoegen(hulpvraag, omgeving.ib_regenboog, "Verslag groep 5.docx", docx)
    client = omgeving.client(omgeving.ib_regenboog)

    assert client.get(url("openen", bijlage)).status_code == 404
    antwoord = client.get(url("downloaden", bijlage))
    assert antwoord["Content-Type"] == DOCX_MIME
    assert antwoord["Content-Disposition"] == (
        "attachment; filename=\"Verslag groep 5.docx\"; filename*=UTF-8''Verslag%20groep%205.docx"
    )
    assert antwoord["Content-Security-Policy"] == (
        "sandbox; default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Cache-Control"] == "private, no-store"
    assert inhoud(antwoord) == docx


def test_r49_a_pdf_downloads_as_attachment_in_a_sandbox(omgeving, hulpvraag):
    bijlage = toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP.pdf", bestanden.pdf())
    antwoord = omgeving.client(omgeving.ib_regenboog).get(url("downloaden", bijlage))
    assert antwoord["Content-Disposition"].startswith('attachment; filename="OPP.pdf"')
    assert antwoord["Content-Security-Policy"].startswith("sandbox; ")


# --- P1: every path, every role ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("wie", "onzichtbaar"),
    [
        ("ib_kompas", False),  # school B
        ("scp", True),  # SWV staff, before the SWV may see it
        ("ib_ander_swv", False),  # another SWV
        ("ouder", False),
    ],
)
def test_p1_who_may_not_see_the_hulpvraag_gets_404_on_every_path(
    omgeving, hulpvraag, onzichtbare_hulpvraag, wie, onzichtbaar
):
    doel = onzichtbare_hulpvraag if onzichtbaar else hulpvraag
    bijlage = toevoegen(doel, omgeving.ib_regenboog, "OPP.pdf", bestanden.pdf())
    client = omgeving.client(getattr(omgeving, wie))
    toevoegen_url = reverse("bijlagen:toevoegen", args=[doel.referentie])

    assert client.get(lijst_url(doel)).status_code == 404
    assert client.get(toevoegen_url).status_code == 404
    assert (
        client.post(
            toevoegen_url, {"documenttype": "overig", "bestanden": [upload("X.txt", b"x")]}
        ).status_code
        == 404
    )
    for naam in ("openen", "downloaden", "verwijderen"):
        assert client.get(url(naam, bijlage)).status_code == 404
    assert client.post(url("verwijderen", bijlage), {"reden": "weg"}).status_code == 404
    # An attachment id under another, visible hulpvraag's reference does not work either.
    if wie == "ib_kompas":
        eigen = toevoegen_hulpvraag_kompas(omgeving)
        andermans = reverse("bijlagen:downloaden", args=[eigen.referentie, bijlage.pk])
        assert client.get(andermans).status_code == 404
    gebruiker = getattr(omgeving, wie)
    assert Bijlage.objects.count() == 1
    assert not Inzage.objects.filter(objecttype="bijlage", gebruiker_id=gebruiker.pk).exists()


def toevoegen_hulpvraag_kompas(omgeving):  # type: ignore[no-untyped-def]
    from passend.hulpvragen.tests.factories import hulpvraag_op_school

    return hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, roepnaam="Kees")


def test_p1_parents_see_nothing_and_cannot_add(omgeving, hulpvraag):
    ouder = omgeving.client(omgeving.ouder)
    toevoegen_url = reverse("bijlagen:toevoegen", args=[hulpvraag.referentie])
    assert ouder.get(lijst_url(hulpvraag)).status_code == 404
    assert ouder.get(toevoegen_url).status_code == 404
    antwoord = ouder.post(
        toevoegen_url, {"documenttype": "overig", "bestanden": [upload("OPP.pdf", bestanden.pdf())]}
    )
    assert antwoord.status_code == 404
    assert not Bijlage.objects.exists() and not WachtendeBijlage.objects.exists()
    assert opgeslagen_bestanden() == set()
    # The same upload by the school's IB'er is added: the refusal is the parent's.
    school = omgeving.client(omgeving.ib_regenboog)
    antwoord = school.post(
        toevoegen_url, {"documenttype": "overig", "bestanden": [upload("OPP.pdf", bestanden.pdf())]}
    )
    assert antwoord["Location"] == lijst_url(hulpvraag)
    assert Bijlage.objects.get().toegevoegd_door == omgeving.ib_regenboog


# --- P2: the access log ------------------------------------------------------------------------


def test_p2_list_open_download_add_and_remove_are_logged(omgeving, hulpvraag):
    client = omgeving.client(omgeving.coordinator)
    client.post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        {
            "documenttype": "overig",
            "bestanden": [
                upload("OPP.pdf", bestanden.pdf()),
                upload("Verslag.docx", bestanden.docx()),
            ],
        },
    )
    pdf = Bijlage.objects.get(soort="pdf")
    docx = Bijlage.objects.get(soort="docx")
    client.get(lijst_url(hulpvraag))
    client.get(url("openen", pdf))
    client.get(url("downloaden", docx))
    client.post(url("verwijderen", docx), {"reden": "Dubbel met de PDF."})

    regels = list(
        Inzage.objects.filter(objecttype="bijlage")
        .order_by("pk")
        .values_list("actie", "object_id", "details", "gebruikersnaam", "leerling_id")
    )
    ref = hulpvraag.referentie
    assert [regel[:3] for regel in regels] == [
        ("aangemaakt", str(pdf.pk), {"hulpvraag": ref}),
        ("aangemaakt", str(docx.pk), {"hulpvraag": ref}),
        ("lijst", "lijst", {"hulpvraag": ref, "bijlagen": [docx.pk, pdf.pk]}),
        ("bekeken", str(pdf.pk), {"hulpvraag": ref, "wijze": "openen"}),
        ("bekeken", str(docx.pk), {"hulpvraag": ref, "wijze": "downloaden"}),
        ("verwijderd", str(docx.pk), {"hulpvraag": ref}),
    ]
    assert {regel[3:] for regel in regels} == {("kbakker", hulpvraag.leerling_id)}


# --- Removal on the screen ------------------------------------------------------------------


def test_removal_by_swv_staff_needs_a_reason_beside_the_field(omgeving, hulpvraag):
    bijlage = toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP.pdf", bestanden.pdf())
    school = omgeving.client(omgeving.ib_regenboog)
    assert school.get(url("verwijderen", bijlage)).status_code == 404
    assert "Verwijderen" not in school.get(lijst_url(hulpvraag)).content.decode()

    swv = omgeving.client(omgeving.coordinator)
    antwoord = swv.post(url("verwijderen", bijlage), {"reden": ""})
    assert antwoord.status_code == 200
    assert "Geef de reden: het samenwerkingsverband heeft deze bijlage al kunnen zien" in (
        antwoord.content.decode()
    )
    assert Bijlage.objects.exists()

    antwoord = swv.post(url("verwijderen", bijlage), {"reden": "Verkeerde leerling."}, follow=True)
    assert antwoord.redirect_chain == [(lijst_url(hulpvraag), 302)]
    assert "OPP.pdf is verwijderd." in antwoord.content.decode()
    assert not Bijlage.objects.exists()
    assert Bijlageverwijdering.objects.get().reden == "Verkeerde leerling."


def test_removal_by_the_school_before_the_swv_sees_it(omgeving, onzichtbare_hulpvraag):
    bijlage = toevoegen(onzichtbare_hulpvraag, omgeving.ib_regenboog, "OPP.pdf", bestanden.pdf())
    client = omgeving.client(omgeving.ib_regenboog)
    html = client.get(url("verwijderen", bijlage)).content.decode()
    assert "Reden (niet verplicht)" in html
    antwoord = client.post(url("verwijderen", bijlage), {"reden": ""})
    assert antwoord.status_code == 302
    assert not Bijlage.objects.exists()


def _status(hulpvraag, naam, door):  # type: ignore[no-untyped-def]
    from passend.hulpvragen.services import hulpvraag_status_wijzigen

    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=hulpvraag.status.proces.statussen.get(naam=naam),
        door=door,
        reden="Aangevuld." if naam == "Aanmelding" else "",
    )


def test_i19_file_the_swv_opened_needs_a_reason_to_remove_and_stays_visible_to_the_swv(
    omgeving, hulpvraag
):
    bijlage = toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP.pdf", bestanden.pdf())
    swv = omgeving.client(omgeving.coordinator)
    assert swv.get(url("downloaden", bijlage)).status_code == 200
    # The school takes the hulpvraag back to "Voorlopige aanmelding": the SWV no longer sees it.
    _status(hulpvraag, "Voorlopige aanmelding", omgeving.ib_regenboog)
    school = omgeving.client(omgeving.ib_regenboog)
    html = school.get(url("verwijderen", bijlage)).content.decode()
    assert "Het samenwerkingsverband heeft deze bijlage al kunnen zien" in html
    assert "Reden (niet verplicht)" not in html

    antwoord = school.post(url("verwijderen", bijlage), {"reden": "   "})
    assert antwoord.status_code == 200
    assert "Geef de reden: het samenwerkingsverband heeft deze bijlage al kunnen zien" in (
        antwoord.content.decode()
    )
    assert Bijlage.objects.filter(pk=bijlage.pk).exists()

    antwoord = school.post(url("verwijderen", bijlage), {"reden": "Verkeerd OPP geupload."})
    assert antwoord.status_code == 302
    assert not Bijlage.objects.filter(pk=bijlage.pk).exists()
    _status(hulpvraag, "Aanmelding", omgeving.ib_regenboog)

    lijst = swv.get(lijst_url(hulpvraag)).content.decode()
    vandaag = timezone.localdate().strftime("%d-%m-%Y")
    assert f"OPP.pdf: verwijderd door de school op {vandaag} (Verkeerd OPP geupload.)" in lijst
    assert url("downloaden", bijlage) not in lijst
    assert swv.get(url("downloaden", bijlage)).status_code == 404


def test_i19_file_the_swv_never_opened_goes_without_reason_and_without_a_trace_for_the_swv(
    omgeving, hulpvraag
):
    bijlage = toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP.pdf", bestanden.pdf())
    swv = omgeving.client(omgeving.coordinator)
    assert "OPP.pdf" in swv.get(lijst_url(hulpvraag)).content.decode()  # the name only
    school = omgeving.client(omgeving.ib_regenboog)
    assert school.get(url("downloaden", bijlage)).status_code == 200  # the school's own look
    _status(hulpvraag, "Voorlopige aanmelding", omgeving.ib_regenboog)
    assert "Reden (niet verplicht)" in school.get(url("verwijderen", bijlage)).content.decode()
    assert school.post(url("verwijderen", bijlage), {"reden": ""}).status_code == 302
    _status(hulpvraag, "Aanmelding", omgeving.ib_regenboog)
    lijst = swv.get(lijst_url(hulpvraag)).content.decode()
    assert "OPP.pdf" not in lijst and "Verwijderde bijlagen" not in lijst


def test_r3_the_screen_offers_the_smaller_copy_with_its_size(omgeving, hulpvraag):
    Bijlageinstellingen.objects.create(swv=omgeving.ppo, max_bijlage_mb=1)
    client = omgeving.client(omgeving.ib_regenboog)
    toevoegen_url = reverse("bijlagen:toevoegen", args=[hulpvraag.referentie])
    scan = bestanden.pdf_gescand(paginas=3, dpi=600)

    antwoord = client.post(
        toevoegen_url,
        {"documenttype": "overig", "bestanden": [upload("OPP Jan.pdf", scan)]},
        follow=True,
    )
    html = antwoord.content.decode()
    wachtend = WachtendeBijlage.objects.get()
    assert (
        # The file's size rounds up: just over the limit never reads as the limit itself.
        "OPP Jan.pdf was 1,1 MB, groter dan de 1 MB die een bijlage mag zijn. Het bestaat "
        "uit gescande pagina's; een kopie verkleind tot 300 dpi is "
    ) in html.replace("&#x27;", "'")
    naam = '<span class="visueel-verborgen"> OPP Jan.pdf</span></button>'
    assert ">Verkleinde kopie toevoegen" + naam in html
    assert ">Niet toevoegen" + naam in html

    antwoord = client.post(
        reverse("bijlagen:wachtend", args=[hulpvraag.referentie, wachtend.pk]),
        {"bestandsnaam": "OPP Jan.pdf", "niet_toevoegen": ""},
        follow=True,
    )
    assert "OPP Jan.pdf is niet toegevoegd." in antwoord.content.decode()
    assert not Bijlage.objects.exists() and not WachtendeBijlage.objects.exists()


def test_a_request_over_the_upload_limit_is_not_written_to_disk(omgeving, hulpvraag, settings):
    settings.PASSEND_UPLOAD_MAX_BYTES = 50_000
    antwoord = omgeving.client(omgeving.ib_regenboog).post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        {
            "documenttype": "overig",
            "bestanden": [upload("Notities groep 5.txt", b"Regel\n" * 10_000)],
        },
    )
    assert antwoord.status_code == 400
    assert "Samen zijn de gekozen bestanden groter dan 0 MB" in antwoord.content.decode()
    assert not Bijlage.objects.exists() and opgeslagen_bestanden() == set()


@pytest.mark.parametrize(
    ("naam", "verwacht"),
    [
        ("OPP.pdf", "attachment; filename=\"OPP.pdf\"; filename*=UTF-8''OPP.pdf"),
        (
            'Zoë "de" \\ Vries;.pdf',
            'attachment; filename="Zoe _de_ _ Vries_.pdf"; '
            "filename*=UTF-8''Zo%C3%AB%20%22de%22%20%5C%20Vries%3B.pdf",
        ),
        (
            "Ελληνικά.txt",
            "attachment; filename=\"________.txt\"; filename*=UTF-8''"
            "%CE%95%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC.txt",
        ),
    ],
)
def test_content_disposition_has_an_ascii_fallback_and_rfc_5987_name(naam, verwacht):
    assert content_disposition(naam, inline=False) == verwacht


def test_i12_the_kind_of_document_is_chosen_at_upload_and_shown_in_the_list(omgeving, hulpvraag):
    client = omgeving.client(omgeving.ib_regenboog)
    toevoegen_url = reverse("bijlagen:toevoegen", args=[hulpvraag.referentie])
    pagina = client.get(toevoegen_url).content.decode()
    assert "Soort document" in pagina
    assert '<option value="opp">OPP (ontwikkelingsperspectief)</option>' in pagina
    client.post(
        toevoegen_url,
        {"documenttype": "opp", "bestanden": [upload("OPP oktober.pdf", bestanden.pdf())]},
    )
    assert Bijlage.objects.filter(hulpvraag=hulpvraag, documenttype__code="opp").count() == 1
    assert (
        "<td>OPP (ontwikkelingsperspectief)</td>"
        in client.get(lijst_url(hulpvraag)).content.decode()
    )


def test_i12_files_uploaded_without_a_kind_wait_for_it_and_nothing_is_lost(omgeving, hulpvraag):
    client = omgeving.client(omgeving.ib_regenboog)
    toevoegen_url = reverse("bijlagen:toevoegen", args=[hulpvraag.referentie])
    antwoord = client.post(
        toevoegen_url, {"bestanden": [upload("OPP oktober.pdf", bestanden.pdf())]}, follow=True
    )
    assert antwoord.redirect_chain == [(toevoegen_url, 302)]
    pagina = antwoord.content.decode()
    assert "Kies wat voor document dit is" in pagina
    assert not Bijlage.objects.exists()
    wachtend = WachtendeBijlage.objects.get()
    wachtend_url = reverse("bijlagen:wachtend", args=[hulpvraag.referentie, wachtend.pk])
    # "Toevoegen" without a kind: told so, the file keeps waiting.
    antwoord = client.post(wachtend_url, {"bestandsnaam": "OPP oktober.pdf"}, follow=True)
    assert "Kies het soort document." in antwoord.content.decode()
    assert WachtendeBijlage.objects.filter(pk=wachtend.pk).exists()
    client.post(
        wachtend_url,
        {"bestandsnaam": "OPP oktober.pdf", "documenttype": "opp", "toevoegen": ""},
    )
    bijlage = Bijlage.objects.select_related("documenttype").get()
    assert bijlage.documenttype is not None
    assert (bijlage.bestandsnaam, bijlage.documenttype.code) == ("OPP oktober.pdf", "opp")


def test_i12_a_kind_of_another_swv_is_refused(omgeving, hulpvraag):
    from passend.bijlagen.models import Documenttype

    Documenttype.objects.create(swv=omgeving.ander_swv, code="geheim", naam="Alleen PO9999")
    client = omgeving.client(omgeving.ib_regenboog)
    antwoord = client.post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        {"documenttype": "geheim", "bestanden": [upload("OPP oktober.pdf", bestanden.pdf())]},
    )
    assert "Kies een soort document uit de lijst." in antwoord.content.decode()
    assert not Bijlage.objects.exists()


def test_i12_the_preset_gives_the_kinds_of_document_and_a_reload_keeps_a_retired_one(omgeving):
    from passend.bijlagen.models import Documenttype

    soorten = Documenttype.objects.filter(swv=omgeving.ppo)
    assert [s.code for s in soorten] == [
        "opp",
        "toelichting_onderwijsbehoeften",
        "verslag",
        "deskundigenadvies",
        "verklaring_ouders",
        "evaluatie",
        "overig",
    ]
    soorten.filter(code="evaluatie").update(actief=False, naam="Evaluatieverslag")
    call_command("preset_laden", "PO2806", verbosity=0)
    evaluatie = soorten.get(code="evaluatie")
    assert (evaluatie.naam, evaluatie.actief) == ("Evaluatie", False)
    assert soorten.count() == 7
