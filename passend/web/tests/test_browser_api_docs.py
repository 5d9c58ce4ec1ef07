"""The API's documentation page (issue 14): Redoc from the bundled package renders the committed
API's operations in a real browser, under the site's CSP, without loading anything from
another host."""

from urllib.parse import urlparse

from playwright.sync_api import Page, expect


def test_i14_api_documentatie_toont_de_api_zonder_cdn(page: Page, live_server: object) -> None:
    meldingen: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda m: meldingen.append(m.text) if m.type == "error" else None)
    # Redoc's bundle names one image on cdn.redoc.ly (its logo); img-src 'self' blocks it, so
    # only requests that completed count.
    page.on(
        "requestfinished",
        lambda r: hosts.add(urlparse(r.url).netloc) if r.url.startswith("http") else None,
    )
    page.goto("/api/v1/docs/")
    expect(page.get_by_role("heading", name="Passend API", exact=False).first).to_be_visible()
    expect(
        page.get_by_role("heading", name="Een aanvraag opslaan (concept) of opslaan en verzenden")
    ).to_be_visible()
    assert hosts == {urlparse(page.url).netloc}
    assert not [m for m in meldingen if "Content Security Policy" in m and "img-src" not in m], (
        meldingen
    )
