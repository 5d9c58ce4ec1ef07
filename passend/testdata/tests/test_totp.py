"""The fixed TOTP secrets of demo and generated accounts (testdata/totp.py)."""

from passend.accounts.tests.factories import code_uit_geheim
from passend.testdata.totp import huidige_code, totp_geheim, totp_sleutel


def test_secrets_never_change():
    """People keep the demo accounts in their authenticator app, and bench/ keeps generated
    accounts' secrets in a JSON file: moving or rewriting the code must not change them."""
    assert totp_geheim(totp_sleutel("demo", "PO2806", "iverhoef")) == (
        "YDXQVFA4OIJAXORVPC7LIE3GEWK5TNEU"
    )
    assert totp_geheim(totp_sleutel("genereer-data", "PO5000", "scp")) == (
        "Q6U7JVFYBQOHCVKKCCSVQV4YAPX72QJO"
    )
    # Another account, another kind or another SWV: another secret.
    assert (
        len(
            {
                totp_sleutel("demo", "PO2806", "iverhoef"),
                totp_sleutel("demo", "PO9999", "iverhoef"),
                totp_sleutel("demo", "PO2806", "hschaap"),
                totp_sleutel("genereer-data", "PO2806", "iverhoef"),
            }
        )
        == 4
    )


def test_the_code_is_the_one_an_authenticator_app_shows():
    geheim = totp_geheim(totp_sleutel("demo", "PO2806", "iverhoef"))
    gespatieerd = " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))  # as printed
    # Computed before and after: a 30-second step may end in between.
    voor = code_uit_geheim(geheim)
    codes = {huidige_code(geheim), huidige_code(gespatieerd)}
    na = code_uit_geheim(geheim)
    assert codes <= {voor, na}
