"""R3: the attachment limit is a setting per SWV, edited by the SWV's own application
administrator in SWV-beheer; code and name stay the operators', another SWV stays out of reach."""

import pytest
from django.urls import reverse

from passend.organisaties.models import Samenwerkingsverband
from passend.organisaties.tests.factories import SamenwerkingsverbandFactory
from passend.web.tests.test_swv_beheer import beheerder_client

pytestmark = pytest.mark.django_db


def test_r3_the_application_administrator_sets_the_own_swvs_attachment_limit(ppo):
    ander = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    client = beheerder_client(ppo)
    eigen = reverse("swv_beheer:organisaties_samenwerkingsverband_change", args=[ppo.pk])

    lijst = client.get(reverse("swv_beheer:organisaties_samenwerkingsverband_changelist"))
    assert "PPO Rotterdam" in lijst.content.decode()
    assert "Voorbeeldstad" not in lijst.content.decode()
    pagina = client.get(eigen).content.decode()
    assert 'name="max_bijlage_mb" value="10"' in pagina
    assert 'name="code"' not in pagina and 'name="naam"' not in pagina

    antwoord = client.post(eigen, {"max_bijlage_mb": "20", "code": "PO0001", "naam": "Anders"})
    assert antwoord.status_code == 302
    ppo.refresh_from_db()
    assert (ppo.max_bijlage_mb, ppo.code, ppo.naam) == (20, "PO2806", "PPO Rotterdam")
    assert ppo.max_bijlage_bytes == 20 * 1024 * 1024

    te_groot = client.post(eigen, {"max_bijlage_mb": "500"})
    assert te_groot.status_code == 200
    assert Samenwerkingsverband.objects.get(pk=ppo.pk).max_bijlage_mb == 20

    vreemd = reverse("swv_beheer:organisaties_samenwerkingsverband_change", args=[ander.pk])
    assert client.get(vreemd).status_code in (302, 404)
    assert client.post(vreemd, {"max_bijlage_mb": "1"}).status_code in (302, 404)
    assert Samenwerkingsverband.objects.get(pk=ander.pk).max_bijlage_mb == 10
