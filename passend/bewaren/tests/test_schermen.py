"""B9 on screen: the terms with the SWV's own numbers (bad input keeps what was typed), the
dry-run report per kind with counts and references and its review, the legal hold, and the way
there from SWV-beheer."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from passend.audit.models import Beheerhandeling, Inzage
from passend.bewaren.models import Bewaarplicht, Proefronde
from passend.bewaren.tests.conftest import Dossiers
from passend.bijlagen.models import Bijlage
from passend.formulieren.models import Formulier
from passend.hulpvragen.models import Hulpvraag


def _vier_jaar_geleden(d: Dossiers) -> None:
    """The data as if made four years ago (the screens use today's clock)."""
    toen = timezone.now() - timedelta(days=4 * 366)
    Hulpvraag.objects.update(aangemaakt_op=toen, status_sinds=toen)
    Bijlage.objects.update(toegevoegd_op=toen)
    Formulier.objects.update(gewijzigd_op=toen)


@pytest.mark.django_db
def test_b9_swvbeheer_links_to_the_retention_screens(dossiers: Dossiers) -> None:
    pagina = dossiers.o.client(dossiers.o.beheerder).get(reverse("swvbeheer:index"))
    assert reverse("bewaren:index") in pagina.content.decode()


@pytest.mark.django_db
def test_b9_terms_screen_saves_the_swvs_numbers_and_keeps_bad_input(dossiers: Dossiers) -> None:
    client = dossiers.o.client(dossiers.o.beheerder)
    pagina = client.get(reverse("bewaren:index"))
    html = pagina.content.decode()
    assert "Hulpvraag nooit ingediend" in html and "TLV-besluit" in html
    gegevens = {
        "nooit_ingediend_aantal": "6",
        "nooit_ingediend_eenheid": "maanden",
        "afgesloten_aantal": "nul",
        "afgesloten_eenheid": "jaren",
        "tlv_besluit_aantal": "7",
        "tlv_besluit_eenheid": "jaren",
        "inzagelog_aantal": "5",
        "inzagelog_eenheid": "jaren",
    }
    fout = client.post(reverse("bewaren:index"), gegevens)
    assert fout.status_code == 200
    html = fout.content.decode()
    assert "Vul een heel getal in." in html
    assert 'value="nul"' in html and 'value="6"' in html
    assert not Beheerhandeling.objects.filter(gebeurtenis="bewaartermijnen_gewijzigd").exists()
    gegevens["afgesloten_aantal"] = "2"
    gegevens["alleen_na_beoordeelde_proefronde"] = "on"
    assert client.post(reverse("bewaren:index"), gegevens).status_code == 302
    rij = Beheerhandeling.objects.get(gebeurtenis="bewaartermijnen_gewijzigd")
    assert rij.voor["afgesloten"] == "3 jaren" and rij.na["afgesloten"] == "2 jaren"
    assert rij.na["alleen_na_beoordeelde_proefronde"] is True


@pytest.mark.django_db
def test_b9_dry_run_report_lists_per_kind_and_records_its_review(dossiers: Dossiers) -> None:
    d = dossiers
    _vier_jaar_geleden(d)
    client = d.o.client(d.o.beheerder)
    pagina = client.get(reverse("bewaren:proefronde"))
    html = pagina.content.decode()
    assert "Wat gaat er bij de volgende ronde weg" in html
    assert "Hulpvraag nooit ingediend: 1" in html
    assert "Afgesloten ondersteuningsdossier: 3" in html
    assert "TLV-besluit: 0" in html
    for naam in ("concept", "afgesloten", "afgesloten_daan", "vastgehouden"):
        assert d.hulpvragen[naam].referentie in html
    for naam in ("open", "tlv"):
        assert d.hulpvragen[naam].referentie not in html
    # No names on the list; the references shown are logged as a list is.
    assert "Wisselink" not in html
    rij = Inzage.objects.filter(gebeurtenis="hulpvragen_getoond", gebruiker_id=d.o.beheerder.pk)
    assert rij.get().details["scherm"] == "bewaren_proefronde"
    # Nothing was removed by looking.
    assert Hulpvraag.objects.count() == 6

    vingerafdruk = pagina.context["ronde"].vingerafdruk
    antwoord = client.post(reverse("bewaren:proefronde"), {"vingerafdruk": vingerafdruk})
    assert antwoord.status_code == 302
    proef = Proefronde.objects.get()
    assert proef.beoordeeld_door == d.o.beheerder
    assert len(proef.hulpvragen) == 4
    assert "Laatst beoordeeld door" in client.get(reverse("bewaren:proefronde")).content.decode()


@pytest.mark.django_db
def test_b9_legal_hold_set_and_lifted_on_screen_and_logged(dossiers: Dossiers) -> None:
    d = dossiers
    client = d.o.client(d.o.beheerder)
    leerling = d.hulpvragen["vastgehouden"].leerling
    gezocht = client.get(reverse("bewaren:bewaarplichten"), {"naam": "Vast"})
    assert reverse("bewaren:bewaarplicht", args=[leerling.pk]) in gezocht.content.decode()
    url = reverse("bewaren:bewaarplicht", args=[leerling.pk])
    fout = client.post(url, {"reden": ""})
    assert "Vul de reden van de bewaarplicht in." in fout.content.decode()
    assert not Bewaarplicht.objects.exists()
    assert client.post(url, {"reden": "Lopende bezwaarprocedure"}).status_code == 302
    plicht = Bewaarplicht.objects.get()
    assert plicht.gezet_door == d.o.beheerder
    assert "Sara Vast" in client.get(reverse("bewaren:bewaarplichten")).content.decode()
    assert Inzage.objects.filter(
        gebeurtenis="leerling_bekeken", leerling_id=leerling.pk, details__scherm="bewaarplicht"
    ).exists()
    opheffen = reverse("bewaren:bewaarplicht_opheffen", args=[leerling.pk])
    assert client.post(opheffen).status_code == 302
    assert not Bewaarplicht.objects.exists()
    assert list(
        Beheerhandeling.objects.filter(gebeurtenis="bewaarplicht_gewijzigd")
        .order_by("tijd", "pk")
        .values_list("na", flat=True)
    ) == [{"bewaarplicht": True}, {"bewaarplicht": False}]
