"""Issue 18 item 1, WCAG 2.1 reflow (1.4.10): every page of the manual's walkthrough works on a
phone. Per role one login; each page at 390 by 844 (a phone) and at 320 px wide is never wider than
the screen (tables scroll inside their own region, the menu and the filters fold away), and
axe-core finds nothing on it."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from passend.accounts.models import Gebruiker
from passend.bijlagen.services import bestand_aanbieden
from passend.bijlagen.tests import bestanden
from passend.formulieren.models import Formulierdefinitie
from passend.hulpvragen.models import Hulpvraag
from passend.notificaties.models import Bericht
from passend.notificaties.tests.factories import wachtend_bericht
from passend.organisaties.models import Samenwerkingsverband
from passend.processen.models import Hulpvraagtitel, Proces
from passend.web.tests.browser import (
    REFERENTIE,
    DemoAccount,
    demo_laden,
    geen_axe_overtredingen,
    inloggen,
)

BREEDTES = [(390, 844), (320, 640)]


def past_op_scherm(page: Page) -> None:
    """At each width: nothing runs past the screen's right edge, and axe-core is content."""
    for breedte, hoogte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": hoogte})
        scroll, scherm = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= scherm, f"{page.url} is {scroll} px breed op een scherm van {scherm} px"
        geen_axe_overtredingen(page)


def bezoeken(page: Page, paden: list[str]) -> None:
    for pad in paden:
        antwoord = page.goto(pad)
        assert antwoord is not None and antwoord.status == 200, pad
        past_op_scherm(page)


def hulpvraag_van(gebruikersnaam: str, titel: str) -> Hulpvraag:
    return Hulpvraag.objects.select_related("leerling").get(
        schoolgegevens__aanvrager__gebruikersnaam=gebruikersnaam,
        schoolgegevens__aanvrager__swv__code="PO2806",
        titel__naam=titel,
    )


def ib_paginas(hulpvraag: Hulpvraag) -> list[str]:
    referentie, leerling = hulpvraag.referentie, hulpvraag.leerling_id
    return [
        reverse("start"),
        reverse("hulpvragen:mijn_acties"),
        reverse("hulpvragen:lijst"),
        reverse("hulpvragen:lijst") + "?naam=a&sorteer=leerling",
        reverse("hulpvragen:detail", args=[referentie]),
        reverse("hulpvragen:statushistorie", args=[referentie]),
        reverse("hulpvragen:dossier", args=[leerling]),
        reverse("hulpvragen:dossier_schoolgegevens", args=[leerling]),
        reverse("hulpvragen:dossier_hulpvragen", args=[leerling]),
        reverse("hulpvragen:toevoegen") + "?naam=a",
        reverse("hulpvragen:dossier_nieuw"),
        reverse("bijlagen:lijst", args=[referentie]),
        reverse("bijlagen:toevoegen", args=[referentie]),
        reverse("accounts:mijn_account"),
        reverse("accounts:wachtwoord_wijzigen"),
    ]


def swv_paginas(hulpvraag: Hulpvraag) -> list[str]:
    referentie = hulpvraag.referentie
    return [
        reverse("start"),
        reverse("hulpvragen:lijst"),
        reverse("hulpvragen:lijst") + "?sorteer=status",
        reverse("hulpvragen:detail", args=[referentie]),
        reverse("hulpvragen:status_wijzigen", args=[referentie]),
        reverse("hulpvragen:behandeling_wijzigen", args=[referentie]),
        reverse("hulpvragen:statushistorie", args=[referentie]),
        reverse("bijlagen:lijst", args=[referentie]),
        reverse("rapportages:managementoverzicht"),
        reverse("accounts:mijn_account"),
    ]


def beheer_paginas() -> list[str]:
    proces = Proces.objects.get(swv__code="PO2806", code="algemeen")
    titel = Hulpvraagtitel.objects.get(swv__code="PO2806", code="tlv_nieuw")
    # A failed mail with a long address and error, as the outbox shows it.
    bericht = wachtend_bericht(
        Samenwerkingsverband.objects.get(code="PO2806"),
        aan=["intern.begeleider.de.regenboog.ijsselmonde@basisschool-de-regenboog.example.nl"],
        status=Bericht.Status.MISLUKT,
        laatste_fout="SMTPRecipientsRefused: 550-5.1.1 The email account that you tried to reach "
        "does-not-exist-at-basisschool-de-regenboog.example.nl",
    )
    formulier = Formulierdefinitie.objects.get(
        swv__code="PO2806", code="aanvraag_ondersteuningsbudget"
    )
    return [
        reverse("start"),
        reverse("hulpvragen:lijst"),
        reverse("rapportages:managementoverzicht"),
        reverse("swvbeheer:index"),
        reverse("swvbeheer:processen"),
        reverse("swvbeheer:proces", args=[proces.pk]),
        reverse("swvbeheer:status", args=[proces.statussen.get(code="aanmelding").pk]),
        reverse("swvbeheer:titel", args=[titel.pk]),
        reverse("swvbeheer:instellingen", args=["labels"]),
        reverse("swvbeheer:instellingen", args=["schoolcontactpersonen"]),
        reverse("swvbeheer:berichten"),
        reverse("swvbeheer:bericht", args=[bericht.pk]),
        reverse("swvbeheer:formulieren"),
        reverse("swvbeheer:formulier", args=[formulier.pk]),
        reverse("swvbeheer:formulier_voorbeeld", args=[formulier.pk]),
        reverse("swvbeheer:instelling_enkel", args=["bijlagen"]),
        reverse("accounts:wachtwoord_wijzigen"),
    ]


def een_bijlage(hulpvraag: Hulpvraag, tmp_path: Path) -> None:
    """A row in the attachments table, with the longest name a school would give it."""
    bestand_aanbieden(
        hulpvraag=hulpvraag,
        pad=bestanden.schrijven(tmp_path / "OPP.pdf", bestanden.pdf()),
        bestandsnaam="OPP-Pedro-Fortes-Monteiro-januari-2026-met-handelingsdeel.pdf",
        door=Gebruiker.objects.get(swv__code="PO2806", gebruikersnaam="hschaap"),
    )


@pytest.mark.browser
def test_i18_reflow_login_pages_fit_a_phone(page: Page) -> None:
    demo_laden()
    bezoeken(page, [reverse("accounts:aanmelden"), reverse("accounts:wachtwoord_vergeten")])


@pytest.mark.browser
@pytest.mark.parametrize(
    "gebruikersnaam",
    [
        "hschaap",  # IB'er
        "pjansen",  # schoolcontactpersoon
        "kbakker",  # SWV coördinator
        "bhendriks",  # applicatiebeheerder (SWV-beheer)
    ],
)
def test_i18_reflow_every_walkthrough_page_fits_a_phone(
    page: Page, tmp_path: Path, gebruikersnaam: str
) -> None:
    accounts: dict[str, DemoAccount] = demo_laden()
    pedro = hulpvraag_van("hschaap", "Ambulante Begeleiding")
    een_bijlage(pedro, tmp_path)
    page.set_viewport_size({"width": BREEDTES[0][0], "height": BREEDTES[0][1]})
    inloggen(page, accounts[gebruikersnaam])
    paginas = {
        "hschaap": lambda: ib_paginas(pedro),
        "pjansen": lambda: swv_paginas(pedro),
        "kbakker": lambda: swv_paginas(pedro),
        "bhendriks": beheer_paginas,
    }[gebruikersnaam]()
    bezoeken(page, paginas)

    # On a phone the main menu folds behind a button, and opens with it.
    page.goto(reverse("hulpvragen:lijst"))
    hoofdmenu = page.get_by_role("navigation", name="Hoofdmenu")
    knop = hoofdmenu.get_by_role("button", name="Menu")
    expect(knop).to_have_attribute("aria-expanded", "false")
    expect(hoofdmenu.get_by_role("link", name="Hulpvragen")).to_be_hidden()
    knop.click()
    expect(knop).to_have_attribute("aria-expanded", "true")
    expect(hoofdmenu.get_by_role("link", name="Hulpvragen")).to_be_visible()
    past_op_scherm(page)

    # The overview's filters fold away too; opened, they still fit.
    filters = page.get_by_role("button", name="Zoeken en filteren")
    expect(filters).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_label("Leerlingnaam")).to_be_hidden()
    filters.click()
    expect(page.get_by_label("Leerlingnaam")).to_be_visible()
    page.locator("details.statuskeuze > summary").click()
    past_op_scherm(page)

    # The table scrolls in its own region, which a keyboard reaches; scrolled to its far end,
    # the reference column is still in view.
    regio = page.get_by_role("region", name="Gevonden hulpvragen")
    expect(regio).to_have_attribute("tabindex", "0")
    assert regio.evaluate("e => e.scrollWidth > e.clientWidth")
    regio.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    referentie = regio.get_by_role("link", name=REFERENTIE).first
    vak = referentie.bounding_box()
    assert vak is not None and vak["x"] >= 0 and vak["x"] + vak["width"] <= BREEDTES[-1][0]


@pytest.mark.browser
def test_i18_reflow_the_desktop_keeps_its_menu_and_filters_open(page: Page) -> None:
    accounts = demo_laden()
    page.set_viewport_size({"width": 1280, "height": 800})
    inloggen(page, accounts["pjansen"])
    page.goto(reverse("hulpvragen:lijst"))
    hoofdmenu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(hoofdmenu.get_by_role("button", name="Menu")).to_be_hidden()
    expect(hoofdmenu.get_by_role("link", name="Hulpvragen")).to_be_visible()
    expect(page.get_by_role("button", name="Zoeken en filteren")).to_be_hidden()
    expect(page.get_by_label("Leerlingnaam")).to_be_visible()
