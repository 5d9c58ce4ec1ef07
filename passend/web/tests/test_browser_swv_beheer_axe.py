"""The Django-admin-based part of SWV-beheer (/swv-beheer/, passend/web/beheer.py) in Chromium
(issue 16: axe-core 0 violations on every SWV-beheer page). The demo's applicatiebeheerder of
PPO opens the index, and for every registered model its list, its add form (where adding is
allowed) and one change form. One browser session; every page's violations are reported
together, so one run shows all that is left."""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from passend.accounts.models import Gebruiker
from passend.koppelingen.models import Aanvraagtype, ApiClient, Osoinstellingen
from passend.koppelingen.services import client_registreren, verificatiecode_registreren
from passend.organisaties.models import Samenwerkingsverband, School
from passend.processen.models import Hulpvraagtitel
from passend.web.beheer import swv_beheer
from passend.web.tests.browser import demo_laden, inloggen


def _een_rij_van_elk_model(swv: Samenwerkingsverband, beheerder: Gebruiker) -> None:
    """Rows the demo may not have, so every model has a change form to open."""
    Osoinstellingen.objects.get_or_create(swv=swv)  # as the first visit of its list makes it
    client_registreren(swv=swv, naam="Esis", soort=ApiClient.Soort.ESIS, door=beheerder)
    school = School.objects.filter(swv=swv).order_by("code").first()
    assert school is not None
    verificatiecode_registreren(
        school=school, code=f"{school.code}-esis-code-2026-axe", door=beheerder
    )
    aanvraagtype, _ = Aanvraagtype.objects.get_or_create(swv=swv, code="Toelaatbaarheid")
    aanvraagtype.titels.set(Hulpvraagtitel.objects.filter(swv=swv)[:1])


def _paginas(beheerder: Gebruiker) -> list[str]:
    """The index, then per registered model: list, add form (if allowed), one change form."""
    verzoek = RequestFactory().get("/")
    verzoek.user = beheerder
    paginas = [reverse("swv_beheer:index")]
    for model, model_admin in swv_beheer._registry.items():
        naam = f"swv_beheer:{model._meta.app_label}_{model._meta.model_name}"
        paginas.append(reverse(f"{naam}_changelist"))
        if model_admin.has_add_permission(verzoek):
            paginas.append(reverse(f"{naam}_add"))
        rij: Any = model_admin.get_queryset(verzoek).first()
        assert rij is not None, f"geen rij om te openen: {model.__name__}"
        paginas.append(reverse(f"{naam}_change", args=[rij.pk]))
    return paginas


def _axe(page: Page, overtredingen: dict[str, str]) -> None:
    """Collects rather than stops, so one run names every page that is left."""
    resultaat = Axe().run(page)
    if resultaat.violations_count:
        overtredingen[page.url] = resultaat.generate_snapshot()


@pytest.mark.browser
def test_issue16_swv_beheer_axe_every_django_admin_page_has_no_violations(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    beheerder = Gebruiker.objects.get(swv__code="PO2806", gebruikersnaam="bhendriks")
    swv = beheerder.swv
    inloggen(page, accounts["bhendriks"])
    _een_rij_van_elk_model(swv, beheerder)

    overtredingen: dict[str, str] = {}
    for pad in _paginas(beheerder):
        antwoord = page.goto(pad)
        assert antwoord is not None and antwoord.status == 200, pad
        expect(page.locator("#content")).to_be_visible()
        _axe(page, overtredingen)

    # The page behind the form: the token shown once.
    page.goto(reverse("swv_beheer:koppelingen_apiclient_add"))
    page.get_by_label("Naam:", exact=True).fill("ParnasSys")
    page.get_by_label("Soort koppeling:").select_option(label="OSO (ParnasSys en andere)")
    page.locator("input[name=_save]").click()
    expect(page.get_by_role("heading", name="Token van ParnasSys")).to_be_visible()
    _axe(page, overtredingen)

    # Aanvraagtype's titles are checkboxes now (not filter_horizontal): ticking one still saves.
    aanvraagtype = Aanvraagtype.objects.get(swv=swv, code="Toelaatbaarheid")
    page.goto(reverse("swv_beheer:koppelingen_aanvraagtype_change", args=[aanvraagtype.pk]))
    page.locator("input[name=titels]:not(:checked)").first.check()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert aanvraagtype.titels.count() == 2
    assert not overtredingen, "\n".join(f"{pad}:\n{v}" for pad, v in overtredingen.items())
