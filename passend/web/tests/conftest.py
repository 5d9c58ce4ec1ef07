"""Fixtures for the browser tests: Playwright drives Debian's Chromium against `live_server`."""

from collections.abc import Iterator

import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from passend.web.tests.browser import CHROMIUM_ARGS, chromium_pad


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    pad = chromium_pad()
    # Playwright's sync API runs an event loop in this thread; without this, Django refuses
    # ORM calls from the test while the browser is open. Restored after the test.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=pad, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Inside this block the test runs in Playwright's contextvars context, where Django
        # keeps its own database connections; close them, or PostgreSQL cannot drop the test
        # database at the end of the run.
        connections.close_all()


@pytest.fixture
def page(
    browser: Browser,
    live_server: LiveServer,
    django_db_serialized_rollback: None,
) -> Iterator[Page]:
    """A fresh browser context on the live server.

    live_server makes the test transactional, which empties the tables afterwards; the serialized
    rollback brings back the roles that a data migration created.
    """
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
