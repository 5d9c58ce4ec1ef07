"""Issue 16: axe-core 0 violations on every SWV-beheer page. The demo's applicatiebeheerder of
PPO opens every page of `passend.swvbeheer.urls` that answers a GET, with a row of the own SWV
for each page that shows one, in one browser session; every page's violations are reported
together. A new SWV-beheer page without an example row here fails the test, so none is left out.
(The walkthroughs per screen, with their forms sent and refused, are in the other
test_browser_swvbeheer*, _formulieren_beheer and _koppelingen_beheer files.)"""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import URLPattern, reverse
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from passend.accounts.models import Gebruiker
from passend.audit.models import Beheerhandeling
from passend.formulieren.models import Formulierdefinitie
from passend.hulpvragen.models import Label
from passend.koppelingen.models import Aanvraagtype, ApiClient, Schoolkoppeling
from passend.notificaties.models import Bericht
from passend.organisaties.models import Bestuur, Samenwerkingsverband, School
from passend.processen.models import Hulpvraagtitel, Proces
from passend.swvbeheer import services
from passend.swvbeheer.models import Wijzigingsverzoek
from passend.swvbeheer.urls import urlpatterns
from passend.swvbeheer.views_instellingen import SOORTEN
from passend.web.tests.browser import demo_laden, inloggen

Argumenten = list[tuple[Any, ...]]
# Not a page: a file to download.
GEEN_PAGINA = {"scholen_export"}


def _voorbeelden(swv: Samenwerkingsverband, beheerder: Gebruiker) -> dict[str, Argumenten]:
    """Per URL name the arguments of the pages to open: rows of the own SWV (made where the
    demo has none)."""
    Label.objects.get_or_create(swv=swv, naam="Spoed")
    school = School.objects.filter(swv=swv, aangesloten=True).order_by("code").first()
    assert school is not None
    ib = Gebruiker.objects.get(swv=swv, gebruikersnaam="iverhoef")
    verzoek = Wijzigingsverzoek.objects.filter(
        swv=swv
    ).first() or services.wijzigingsverzoek_indienen(
        door=ib,
        school=school,
        soort=Wijzigingsverzoek.Soort.SCHOOLGEGEVENS,
        omschrijving="De school heet voortaan De Regenboog Slinge.",
    )
    proces = Proces.objects.get(swv=swv, code="algemeen")
    client = ApiClient.objects.filter(swv=swv).order_by("pk").first()
    assert client is not None
    koppeling, _ = Schoolkoppeling.objects.get_or_create(client=client, school=school)
    aanvraagtype, _ = Aanvraagtype.objects.get_or_create(swv=swv, code="Toelaatbaarheid")
    bericht = Bericht.objects.filter(swv=swv).first()
    assert bericht is not None, "de demo verstuurde geen e-mail"
    lijsten = [code for code, soort in SOORTEN.items() if not soort.enkel]

    def een(model: type, **filter: object) -> Argumenten:
        rij = model._default_manager.filter(**filter).order_by("pk").first()  # type: ignore[attr-defined]
        assert rij is not None, model
        return [(rij.pk,)]

    pk_school, pk_ib, pk_proces = [(school.pk,)], [(ib.pk,)], [(proces.pk,)]
    return {
        "wijzigingsverzoek": [(verzoek.pk,)],
        "bestuur": een(Bestuur, swv=swv),
        "school": pk_school,
        "school_sluiten": pk_school,
        "school_samenvoegen": pk_school,
        "gebruiker": pk_ib,
        "deactiveren": pk_ib,
        "heractiveren": pk_ib,
        "uitnodiging_opnieuw": pk_ib,
        "authenticator_herstellen": pk_ib,
        "proces": pk_proces,
        "status_nieuw": pk_proces,
        "overgang_nieuw": pk_proces,
        "titel_nieuw": pk_proces,
        "status": [(proces.statussen.get(code="aanmelding").pk,)],
        "status_verwijderen": [(proces.statussen.get(code="aanmelding").pk,)],
        "overgang": [(proces.overgangen.order_by("pk").first().pk,)],  # type: ignore[union-attr]
        "overgang_verwijderen": [(proces.overgangen.order_by("pk").first().pk,)],  # type: ignore[union-attr]
        "titel": een(Hulpvraagtitel, swv=swv),
        "formulier": een(Formulierdefinitie, swv=swv),
        "formulier_voorbeeld": een(Formulierdefinitie, swv=swv),
        "bericht": [(bericht.pk,)],
        "bericht_opnieuw_versturen": [(bericht.pk,)],
        "instellingen": [(code,) for code in lijsten],
        "instelling_nieuw": [(code,) for code in lijsten],
        "instelling_enkel": [(code,) for code, soort in SOORTEN.items() if soort.enkel],
        "instelling": [(code, SOORTEN[code].rijen(beheerder).first().pk) for code in lijsten],  # type: ignore[union-attr]
        "instelling_verwijderen": [("labels", Label.objects.get(swv=swv, naam="Spoed").pk)],
        "api_client": [(client.pk,)],
        "api_client_intrekken": [(client.pk,)],
        "schoolkoppeling_nieuw": [(client.pk,)],
        "schoolkoppeling": [(client.pk, koppeling.pk)],
        "schoolkoppeling_verwijderen": [(client.pk, koppeling.pk)],
        "verificatiecode_pauzeren": [(0,)],  # POST only: its GET answers 405 before any lookup
        "aanvraagtype": [(aanvraagtype.pk,)],
        "aanvraagtype_verwijderen": [(aanvraagtype.pk,)],
    }


def _urls(voorbeelden: dict[str, Argumenten]) -> list[str]:
    urls = []
    for patroon in urlpatterns:
        assert isinstance(patroon, URLPattern)
        if patroon.name is None or patroon.name in GEEN_PAGINA:
            continue  # /swv-beheer/ itself (a redirect to the index), a CSV
        if not patroon.pattern.converters:  # type: ignore[attr-defined]
            urls.append(reverse(f"swvbeheer:{patroon.name}"))
            continue
        assert patroon.name in voorbeelden, f"geen voorbeeld voor swvbeheer:{patroon.name}"
        urls += [
            reverse(f"swvbeheer:{patroon.name}", args=args) for args in voorbeelden[patroon.name]
        ]
    return urls


@pytest.mark.browser
def test_issue16_every_swv_beheer_page_has_no_axe_violations(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    beheerder = Gebruiker.objects.get(swv__code="PO2806", gebruikersnaam="bhendriks")
    voorbeelden = _voorbeelden(beheerder.swv, beheerder)
    inloggen(page, accounts["bhendriks"])
    log_voor = Beheerhandeling.objects.count()

    overtredingen: dict[str, str] = {}
    geopend = 0
    for pad in _urls(voorbeelden):
        if page.request.get(pad).status == 405:
            continue  # a POST-only action (remove, resend, pause): no page of its own
        antwoord = page.goto(pad)
        assert antwoord is not None and antwoord.status == 200, pad
        geopend += 1
        resultaat = Axe().run(page)
        if resultaat.violations_count:
            overtredingen[pad] = resultaat.generate_report()
    assert geopend > 45  # the pages, not only the actions
    assert not overtredingen, "\n".join(f"{pad}:\n{v}" for pad, v in overtredingen.items())
    # Opening pages changes nothing.
    assert Beheerhandeling.objects.count() == log_voor
