"""The client's address behind the configured number of trusted proxies (one reading for the
lockout and both logs): what a client writes into X-Forwarded-For itself is never believed."""

import pytest
from django.test import RequestFactory

from passend.core.clientadres import clientadres


@pytest.mark.parametrize(
    ("proxies", "remote", "doorgestuurd", "verwacht"),
    [
        (0, "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # no proxy: the header is a claim
        (1, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged first entry
        (2, "10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (1, "10.0.0.2", "", "10.0.0.2"),  # did not pass the proxy: the connection's address
        (1, "10.0.0.2", "geen-adres", "10.0.0.2"),
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_asvs_v7_1_1_client_address_trusts_exactly_the_configured_proxies(
    settings, proxies, remote, doorgestuurd, verwacht
):
    settings.PASSEND_PROXY_AANTAL = proxies
    verzoek = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=doorgestuurd)
    assert clientadres(verzoek) == verwacht
