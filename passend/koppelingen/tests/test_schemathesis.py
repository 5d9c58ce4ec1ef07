"""The API against its committed OpenAPI document (docs/api/openapi.yaml), and the refusals
schemathesis found or cannot judge by itself: every refusal is JSON with a machine code, never a
500 or an HTML page, and no client or school reaches another's request (P1, SECURITY.md V4.2.1).
"""

import pytest
from rest_framework.test import APIClient

from passend.koppelingen.tests.conftest import Esis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kopjes",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer psd_onbekend_geheim"},
        {"HTTP_AUTHORIZATION": "Bearer geen-token"},
    ],
    ids=["zonder token", "onbekend token", "ongeldig token"],
)
def test_p4_a_call_without_a_valid_token_is_a_json_401_not_a_500(
    esis: Esis, kopjes: dict[str, str]
) -> None:
    """Found by schemathesis: DRF put `None` on the request as its user, and the no-cache
    middleware then failed on `request.user.is_authenticated` (a 500 for every such call)."""
    antwoord = APIClient().get("/api/v1/aanvragen/", **kopjes)
    assert antwoord.status_code == 401
    assert antwoord.json()["code"] in {"niet_aangemeld", "token_ongeldig"}
    assert antwoord["WWW-Authenticate"] == 'Bearer realm="passend"'
