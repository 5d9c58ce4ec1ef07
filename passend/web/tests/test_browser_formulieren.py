"""The Ondersteuningsbudget and TLV processes with their forms, end to end in Chromium (issue 12,
R23-R32), on the demo's data as `make run` has it: each account in its own browser, as four
people at four desks. The mails are read from the local mail catcher; axe-core finds nothing on
every new page.

OB: the IB'er (iverhoef) fills in the Aanvraag Ondersteuningsbudget of Sem Bakker and picks the
directeur (ndejong), who is mailed and signs; with the OPP attached the IB'er submits; the SCP
(pjansen) takes it into behandeling; the regiomanager (smeijer) writes the Besluit and grants
the budget; the school then reads the decision and finds the Evaluatieformulier OB.

TLV: Daan de Vries's "TLV -Nieuw" waits without coördinator in the TLV-administratie's queue;
tvos picks it up, adds two deskundigenadviezen and writes the Besluit TLV, where the same expert
twice is refused; "TLV afgegeven" follows, and the Termijnen page lists its end date."""

import re
from base64 import b32decode
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from passend.accounts.tests.factories import totp_code
from passend.bijlagen.tests import bestanden
from passend.web.tests.browser import (
    ORGANISATIE,
    DemoAccount,
    aanmeldformulier_invullen,
    demo_laden,
    geen_axe_overtredingen,
    inloggen,
    kenmerk,
    naar_hulpvragen,
    open_hulpvraag,
)

Bureau = Callable[[str], Page]


@pytest.fixture
def bureaus(
    browser: Browser,
    live_server: LiveServer,
    django_db_serialized_rollback: None,
    settings: Settings,
    tmp_path: Path,
) -> Iterator[tuple[Bureau, Path]]:
    """One logged-in browser per account, opened on first use (a code works once per login, so
    each account logs in once); and the folder the mail catcher writes to."""
    settings.PASSEND_LOKALE_MAILBOX = True
    settings.EMAIL_BACKEND = "passend.notificaties.opvang.OpvangBackend"
    settings.PASSEND_MAIL_MAP = tmp_path / "mail"
    settings.PASSEND_BASIS_URL = live_server.url
    accounts: dict[str, DemoAccount] = demo_laden()
    paginas: dict[str, Page] = {}
    contexten = []

    def bureau(gebruikersnaam: str) -> Page:
        if gebruikersnaam not in paginas:
            context = browser.new_context(base_url=live_server.url, locale="nl-NL")
            context.set_default_timeout(10_000)
            contexten.append(context)
            paginas[gebruikersnaam] = context.new_page()
            inloggen(paginas[gebruikersnaam], accounts[gebruikersnaam])
        return paginas[gebruikersnaam]

    yield bureau, settings.PASSEND_MAIL_MAP
    for context in contexten:
        context.close()


def mails_aan(map_: Path, adres: str) -> list[str]:
    """Subject and text of every caught mail to `adres`."""
    gevonden = []
    for pad in sorted(map_.glob("*.eml")):
        mail = message_from_bytes(pad.read_bytes(), policy=policy.default)
        if adres in str(mail["To"]):
            tekst = mail.get_body(preferencelist=("plain",))
            gevonden.append(f"{mail['Subject']}\n{tekst.get_content() if tekst else ''}")
    return gevonden


def mijn_acties(page: Page) -> list[str]:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn acties").click()
    return page.get_by_role("link", name=re.compile(r"^HV-\d{4}-\d{6}$")).all_inner_texts()


def hulpvraag_openen(page: Page, leerling: str) -> str:
    naar_hulpvragen(page)
    return open_hulpvraag(page, leerling)


def formulier_openen(page: Page, naam: str) -> None:
    page.get_by_role("link", name=re.compile(r"^\d+ Formulier(en)?$")).click()
    expect(page.get_by_role("heading", name="Formulieren hulpvraag")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name=naam, exact=True).click()
    expect(page.get_by_role("heading", name=naam)).to_be_visible()


def status_kiezen(page: Page, status: str, reden: str = "") -> None:
    page.get_by_role("link", name="Status wijzigen").click()
    page.get_by_label("Nieuwe status").select_option(label=status)
    if reden:
        page.get_by_label("Reden").fill(reden)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(f"De status is gewijzigd in ‘{status}’.")


def bijlage_toevoegen(page: Page, pad: Path, soort: str) -> None:
    page.get_by_role("link", name=re.compile(r"^\d+ Bijlagen?$")).click()
    page.get_by_role("link", name="+ Bijlage toevoegen").click()
    page.get_by_label("Bestanden").set_input_files(pad)
    page.get_by_label("Soort document").select_option(label=soort)
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(page.get_by_role("cell", name=pad.name, exact=True)).to_be_visible()
    page.get_by_role("link", name="Sluiten").click()


@pytest.mark.browser
def test_r23_r28_the_ob_process_with_ib_directeur_scp_and_regiomanager(
    bureaus: tuple[Bureau, Path], tmp_path: Path
) -> None:
    bureau, mailmap = bureaus
    ib = bureau("iverhoef")
    referentie = hulpvraag_openen(ib, "Sem Bakker")
    expect(kenmerk(ib, "Status")).to_contain_text("OB voorlopige aanvraag")

    # Step 3: tab Formulier → the form → Formulier bewerken.
    formulier_openen(ib, "Aanvraag Ondersteuningsbudget")
    expect(ib.get_by_text("Nog niet ingevuld of ondertekend:")).to_be_visible()
    geen_axe_overtredingen(ib)
    ib.get_by_role("link", name="Formulier bewerken").click()
    geen_axe_overtredingen(ib)
    ib.get_by_label("Wat zijn de onderwijsbehoeften van de leerling?").fill(
        "Structuur en korte instructie."
    )
    ib.get_by_label("Wat heeft de school binnen de basisondersteuning al gedaan?").fill(
        "Handelingsplan en extra instructie."
    )
    ib.get_by_label("Waarvoor zet u het budget in, en welk doel wilt u bereiken?").fill(
        "Een onderwijsassistent."
    )
    ib.get_by_label("Gevraagd bedrag").fill("-10")
    ib.get_by_label("Startdatum").fill("04-01-2027")
    ib.get_by_label("Einddatum").fill("16-07-2027")
    ib.get_by_label("Zijn de ouders geïnformeerd en stemmen zij in met de aanvraag?").select_option(
        label="Ja"
    )
    ib.get_by_label("Directeur (bevoegd gezag)").select_option(label="Nadia de Jong")
    ib.get_by_role("button", name="Opslaan").click()
    # Bad input: a Dutch message beside the field, and nothing typed is lost.
    expect(ib.get_by_text("Een bedrag is groter dan € 0,00.")).to_be_visible()
    expect(ib.get_by_label("Startdatum")).to_have_value("04-01-2027")
    geen_axe_overtredingen(ib)
    ib.get_by_label("Gevraagd bedrag").fill("4.500,00")
    ib.get_by_role("button", name="Opslaan").click()
    expect(ib.get_by_role("status")).to_contain_text("Het formulier is opgeslagen.")
    expect(ib.get_by_text("€ 4.500,00")).to_be_visible()

    # Not yet: the status form names what is missing instead of hiding the status.
    ib.goto(f"/hulpvragen/{referentie}/")
    ib.get_by_role("link", name="Status wijzigen").click()
    nog_niet = ib.get_by_role("region", name="Nog niet te kiezen")
    expect(nog_niet).to_contain_text("OB aanvraag indienen")
    expect(nog_niet).to_contain_text("is nog niet ondertekend")
    expect(nog_niet).to_contain_text(
        "Voeg een bijlage van het soort ‘OPP (ontwikkelingsperspectief)’"
    )
    geen_axe_overtredingen(ib)

    # The directeur is mailed (no pupil, no answers), finds it and signs.
    [mail] = mails_aan(mailmap, "ndejong@")
    assert f"/hulpvragen/{referentie}/formulieren/" in mail
    for geheim in ("Sem", "Bakker", "Structuur", "4.500"):
        assert geheim not in mail
    directeur = bureau("ndejong")
    assert referentie in mijn_acties(directeur)
    directeur.goto(re.search(r"http\S+/formulieren/\d+/", mail).group(0))  # type: ignore[union-attr]
    directeur.get_by_role("button", name="Ondertekenen").click()
    expect(directeur.get_by_role("alert").or_(directeur.get_by_role("status"))).to_contain_text(
        "Vink aan dat u ondertekent"
    )
    directeur.get_by_label("Ik onderteken dit formulier").check()
    directeur.get_by_role("button", name="Ondertekenen").click()
    expect(directeur.get_by_text("Ondertekend door Nadia de Jong op")).to_be_visible()
    geen_axe_overtredingen(directeur)

    # Step 4: the OPP, then "OB aanvraag indienen".
    opp = bestanden.schrijven(tmp_path / "OPP-Sem-2027.pdf", bestanden.pdf())
    ib.goto(f"/hulpvragen/{referentie}/")
    bijlage_toevoegen(ib, opp, "OPP (ontwikkelingsperspectief)")
    status_kiezen(ib, "OB aanvraag indienen")

    # The SCP (this request's coördinator) has it in Mijn acties and takes it into behandeling.
    scp = bureau("pjansen")
    assert referentie in mijn_acties(scp)
    scp.goto(f"/hulpvragen/{referentie}/")
    status_kiezen(scp, "OB in behandeling")

    # The regiomanager decides, in the Besluit; the school does not see the draft.
    ib.goto(f"/hulpvragen/{referentie}/formulieren/")
    expect(ib.get_by_role("link", name="Besluit aanvraag ondersteuningsbudget")).to_have_count(0)
    regiomanager = bureau("smeijer")
    hulpvraag_openen(regiomanager, "Sem Bakker")
    formulier_openen(regiomanager, "Besluit aanvraag ondersteuningsbudget")
    regiomanager.get_by_role("link", name="Formulier bewerken").click()
    regiomanager.get_by_label("Besluit", exact=True).select_option(label="Toegekend")
    regiomanager.get_by_label("Toegekend bedrag").fill("4000")
    regiomanager.get_by_label("Periode van").fill("04-01-2027")
    regiomanager.get_by_label("Periode tot en met").fill("16-07-2027")
    regiomanager.get_by_label("Deadline van de evaluatie").fill("01-06-2027")
    regiomanager.get_by_label("Motivering").fill("Past bij de onderwijsbehoeften.")
    regiomanager.get_by_role("button", name="Opslaan").click()
    expect(regiomanager.get_by_text("Het formulier is compleet.")).to_be_visible()
    regiomanager.goto(f"/hulpvragen/{referentie}/")
    status_kiezen(regiomanager, "Gearrangeerd budget")

    # The school is mailed, reads the decision and finds the evaluation form (R28).
    assert any("Gearrangeerd budget" in mail for mail in mails_aan(mailmap, "iverhoef@"))
    ib.goto(f"/hulpvragen/{referentie}/formulieren/")
    expect(ib.get_by_role("link", name="Evaluatieformulier OB")).to_be_visible()
    ib.get_by_role("link", name="Besluit aanvraag ondersteuningsbudget").click()
    expect(ib.get_by_text("Past bij de onderwijsbehoeften.")).to_be_visible()
    expect(ib.get_by_role("link", name="Formulier bewerken")).to_have_count(0)
    geen_axe_overtredingen(ib)


@pytest.mark.browser
def test_r29_r32_the_tlv_to_tlv_afgegeven_with_two_experts(
    bureaus: tuple[Bureau, Path], tmp_path: Path
) -> None:
    bureau, _mailmap = bureaus
    tlv = bureau("tvos")
    # Without coördinator, in the TLV-administratie's queue; "Oppakken".
    referentie = hulpvraag_openen(tlv, "Daan de Vries")
    assert referentie in mijn_acties(tlv)
    tlv.goto(f"/hulpvragen/{referentie}/")
    tlv.get_by_role("button", name="Oppakken").click()
    expect(tlv.get_by_role("status")).to_contain_text("U bent nu coördinator van deze hulpvraag.")
    expect(kenmerk(tlv, "Coördinator")).to_contain_text("Tamara Vos")
    status_kiezen(tlv, "TLV_3_in behandeling")
    for nummer in (1, 2):
        inhoud = bestanden._pdf_bytes(bestanden._pdf_met_tekst(f"Advies {nummer}"))
        pad = bestanden.schrijven(tmp_path / f"Advies-deskundige-{nummer}.pdf", inhoud)
        bijlage_toevoegen(tlv, pad, "Deskundigenadvies")

    formulier_openen(tlv, "Besluit TLV")
    tlv.get_by_role("link", name="Formulier bewerken").click()
    geen_axe_overtredingen(tlv)
    tlv.get_by_label("Datum van het besluit").fill("01-03-2027")
    tlv.get_by_label("Soort toelaatbaarheidsverklaring").select_option(label="SO")
    tlv.get_by_label("Bekostigingscategorie").select_option(label="Midden")
    tlv.get_by_label("Ingangsdatum").fill("08-03-2027")
    tlv.get_by_label("Naam van de eerste deskundige").fill("drs. A. de Wit")
    tlv.get_by_label("Discipline van de eerste deskundige").select_option(label="Orthopedagoog")
    tlv.get_by_label("Datum van het eerste advies").fill("10-02-2027")
    tlv.get_by_label("Het eerste deskundigenadvies").select_option(label="Advies-deskundige-1.pdf")
    tlv.get_by_label("Naam van de tweede deskundige").fill("DRS. A. DE WIT")
    tlv.get_by_label("Discipline van de tweede deskundige").select_option(label="Kinderpsychiater")
    tlv.get_by_label("Datum van het tweede advies").fill("20-02-2027")
    tlv.get_by_label("Het tweede deskundigenadvies").select_option(label="Advies-deskundige-2.pdf")
    tlv.get_by_role("button", name="Opslaan").click()
    # One expert given twice: refused beside the field, the rest kept.
    expect(
        tlv.get_by_text("Dit moet een ander antwoord zijn dan bij ‘Naam van de eerste deskundige’.")
    ).to_be_visible()
    expect(tlv.get_by_label("Ingangsdatum")).to_have_value("08-03-2027")
    tlv.get_by_label("Naam van de tweede deskundige").fill("B. Yilmaz")
    tlv.get_by_role("button", name="Opslaan").click()
    expect(tlv.get_by_text("Het formulier is compleet.")).to_be_visible()
    # The end date left empty: 31 July; the bezwaartermijn shown with the decision date.
    expect(tlv.get_by_text("31-07-2027")).to_be_visible()
    expect(tlv.get_by_text("bezwaar mogelijk tot en met 12-04-2027")).to_be_visible()

    tlv.goto(f"/hulpvragen/{referentie}/")
    status_kiezen(tlv, "TLV afgegeven")
    tlv.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Termijnen").click()
    rij = tlv.get_by_role("row").filter(has_text=referentie)
    expect(rij).to_contain_text("31-07-2027")
    expect(rij).to_contain_text("Besluit TLV")
    geen_axe_overtredingen(tlv)


@pytest.mark.browser
def test_r24_typed_answers_survive_an_expired_session(page: Page, live_server: LiveServer) -> None:
    """Issue 12 item 2: the session ends while the IB'er types; "Opslaan" leads to the login
    page, and after logging in again the answers are back on the form, to be saved."""
    accounts = demo_laden()
    iverhoef = accounts["iverhoef"]
    inloggen(page, iverhoef)
    referentie = hulpvraag_openen(page, "Sem Bakker")
    formulier_openen(page, "Aanvraag Ondersteuningsbudget")
    page.get_by_role("link", name="Formulier bewerken").click()
    bewerken_url = page.url
    tekst = "Structuur, voorspelbaarheid en korte instructie."
    page.get_by_label("Wat zijn de onderwijsbehoeften van de leerling?").fill(tekst)
    page.get_by_label("Gevraagd bedrag").fill("4.500,00")

    # The session expired (the CSRF cookie lives on, as in a browser).
    page.context.clear_cookies(name=re.compile("sessionid"))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    aanmeldformulier_invullen(
        page,
        organisatie=ORGANISATIE,
        gebruikersnaam=iverhoef.gebruikersnaam,
        wachtwoord=iverhoef.wachtwoord,
        # The next step's code: the first login used this step's (a code works once).
        code=totp_code(b32decode(iverhoef.totp_secret.replace(" ", "")), verschuiving=1),
    )
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_url(bewerken_url)
    expect(page.get_by_label("Wat zijn de onderwijsbehoeften van de leerling?")).to_have_value(
        tekst
    )
    expect(page.get_by_label("Gevraagd bedrag")).to_have_value("4.500,00")
    expect(page.get_by_text("Wat u eerder typte maar nog niet was opgeslagen")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text(tekst)).to_be_visible()
    # Saved: the tab keeps nothing any more.
    page.goto(bewerken_url)
    expect(page.get_by_text("Wat u eerder typte maar nog niet was opgeslagen")).to_be_hidden()
    assert referentie in bewerken_url
