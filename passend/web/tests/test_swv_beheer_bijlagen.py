"""R3: the attachment limit is a setting per SWV, kept by the bijlagen app and edited by the
SWV's own application administrator in SWV-beheer; another SWV stays out of reach."""

import pytest
from django.urls import reverse

from passend.bijlagen.models import Bijlageinstellingen
from passend.bijlagen.selectors import bijlageinstellingen
from passend.organisaties.tests.factories import SamenwerkingsverbandFactory
from passend.web.tests.test_swv_beheer import beheerder_client

pytestmark = pytest.mark.django_db


def test_r3_the_application_administrator_sets_the_own_swvs_attachment_limit(ppo):
    ander = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    vreemd_record = Bijlageinstellingen.objects.create(swv=ander, max_bijlage_mb=10)
    client = beheerder_client(ppo)
    assert bijlageinstellingen(ppo).max_bijlage_mb == 10  # the default, before any change

    lijst = client.get(reverse("swv_beheer:bijlagen_bijlageinstellingen_changelist"))
    assert lijst.status_code == 200
    eigen = reverse("swv_beheer:bijlagen_bijlageinstellingen_change", args=[ppo.pk])
    pagina = client.get(eigen).content.decode()
    assert 'name="max_bijlage_mb" value="10"' in pagina
    assert 'name="swv"' not in pagina

    antwoord = client.post(eigen, {"max_bijlage_mb": "20"})
    assert antwoord.status_code == 302
    assert bijlageinstellingen(ppo).max_bijlage_bytes == 20 * 1024 * 1024

    te_groot = client.post(eigen, {"max_bijlage_mb": "500"})
    assert te_groot.status_code == 200
    assert "errorlist" in te_groot.content.decode()
    assert bijlageinstellingen(ppo).max_bijlage_mb == 20

    vreemd = reverse("swv_beheer:bijlagen_bijlageinstellingen_change", args=[ander.pk])
    assert client.get(vreemd).status_code in (302, 404)
    assert client.post(vreemd, {"max_bijlage_mb": "1"}).status_code in (302, 404)
    vreemd_record.refresh_from_db()
    assert vreemd_record.max_bijlage_mb == 10
    assert bijlageinstellingen(ander).max_bijlage_mb == 10
