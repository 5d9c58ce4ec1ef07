"""The users of the load test (issue 20 item 1), for locust; started by bench/last.py.

School users (an IB'er each) search the overview by name and by their school, open hulpvragen
and add an attachment; SWV staff (an SCP each) filter the overview by status, open hulpvragen,
change a status (which queues a mail), open the Managementoverzicht and export a selection as
CSV. Both also open "Mijn account", the floor page the overview is compared with. Every user
logs in with its own account (a TOTP code is accepted once), spread over the generated SWVs.

The accounts and the primary keys for the filters come from the JSON file in
PASSEND_LAST_GEGEVENS, written by bench/last.py.
"""

import io
import itertools
import json
import os
import re
import secrets
import threading
from typing import Any

import pikepdf
from locust import HttpUser, between, task

from passend.testdata.totp import huidige_code

with open(os.environ["PASSEND_LAST_GEGEVENS"], encoding="utf-8") as _bestand:
    GEGEVENS = json.load(_bestand)
NAAMFRAGMENTEN = ("bakk", "jans", "vri", "berg", "dijk", "visser", "smit", "meij")
REFERENTIE = re.compile(r'href="/hulpvragen/([A-Z]+-\d{4}-\d+)/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OPTIE = re.compile(r'<option value="(\d+)"')
HUIDIGE_STATUS = re.compile(r'name="huidige_status" value="(\d+)"')

_slot = threading.Lock()
_pools = {
    rol: itertools.cycle([a for a in GEGEVENS["accounts"] if a["rol"] == rol])
    for rol in ("intern_begeleider", "schoolcontactpersoon")
}


def _volgend_account(rol: str) -> dict[str, Any]:
    with _slot:
        return dict(next(_pools[rol]))


def pdf() -> bytes:
    """A real one-page PDF, different each time: the same file twice is refused as a duplicate.
    (As passend/koppelingen/simulator.py makes one; that module needs Django's settings.)"""
    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    document.docinfo["/Title"] = f"OPP {secrets.token_hex(8)}"
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()


def _verwacht_doorsturen(antwoord: Any) -> None:
    """A write succeeded only if it redirects; a form shown again (200) refused the input."""
    if antwoord.status_code != 302:
        antwoord.failure(f"HTTP {antwoord.status_code} in plaats van 302")


class Gebruiker(HttpUser):
    abstract = True
    rol = ""
    wait_time = between(1, 4)

    def on_start(self) -> None:
        self.account = _volgend_account(self.rol)
        self.keuzes = GEGEVENS["keuzes"][self.account["organisatie"]]
        self.referenties: list[str] = []
        pagina = self.client.get("/aanmelden/", name="aanmelden: pagina").text
        antwoord = self.client.post(
            "/aanmelden/",
            {
                "csrfmiddlewaretoken": CSRF.search(pagina).group(1),  # type: ignore[union-attr]
                "organisatie": self.account["organisatie"],
                "gebruikersnaam": self.account["gebruikersnaam"],
                "wachtwoord": self.account["wachtwoord"],
                "code": huidige_code(self.account["totp_secret"]),
            },
            name="aanmelden",
            allow_redirects=False,
        )
        if antwoord.status_code != 302 or "aanmelden" in antwoord.headers.get("Location", ""):
            raise RuntimeError(f"aanmelden mislukt: {self.account['gebruikersnaam']}")

    def _overzicht(self, query: str, naam: str) -> list[str]:
        antwoord = self.client.get(f"/hulpvragen/?{query}", name=naam)
        gevonden = REFERENTIE.findall(antwoord.text)
        if gevonden:
            self.referenties = gevonden
        return gevonden

    def _referentie(self, uit: list[str] | None = None) -> str | None:
        kandidaten = self.referenties if uit is None else uit
        return secrets.choice(kandidaten) if kandidaten else None

    def _csrf(self, pad: str, naam: str) -> tuple[str, str] | None:
        antwoord = self.client.get(pad, name=naam)
        token = CSRF.search(antwoord.text)
        return (token.group(1), antwoord.text) if antwoord.status_code == 200 and token else None

    @task(3)
    def vloer(self) -> None:
        self.client.get("/account/", name="vloer: Mijn account")

    @task(3)
    def hulpvraag_openen(self) -> None:
        referentie = self._referentie()
        if referentie:
            self.client.get(f"/hulpvragen/{referentie}/", name="hulpvraag openen")


class School(Gebruiker):
    """An IB'er: searches, opens, adds an attachment."""

    rol = "intern_begeleider"
    weight = 2
    open_referenties: list[str] = []

    @task(3)
    def zoeken_op_naam(self) -> None:
        self._overzicht(f"naam={secrets.choice(NAAMFRAGMENTEN)}", "overzicht: naam")

    @task(2)
    def eigen_school(self) -> None:
        open_statussen = "&".join(f"status={pk}" for pk in self.keuzes["open"])
        self.open_referenties = self._overzicht(
            f"school={self.keuzes['school']}&{open_statussen}", "overzicht: één school"
        )

    @task(1)
    def bijlage_toevoegen(self) -> None:
        referentie = self._referentie(self.open_referenties)
        if not referentie:
            return
        pad = f"/hulpvragen/{referentie}/bijlagen/toevoegen/"
        formulier = self._csrf(f"/hulpvragen/{referentie}/bijlagen/", "bijlagen")
        if formulier is None:
            return
        with self.client.post(
            pad,
            data={"csrfmiddlewaretoken": formulier[0], "documenttype": "opp"},
            # A real PDF, different each time (the same file twice is refused as a duplicate).
            files={"bestanden": ("OPP-belastingtest.pdf", pdf(), "application/pdf")},
            name="bijlage toevoegen",
            allow_redirects=False,
            catch_response=True,
        ) as antwoord:
            _verwacht_doorsturen(antwoord)


class Swv(Gebruiker):
    """An SCP: filters, opens, changes a status (a mail), Managementoverzicht, CSV export."""

    rol = "schoolcontactpersoon"
    weight = 1
    wijzigbare: list[str] = []

    def _statussen(self) -> str:
        return "&".join(f"status={pk}" for pk in self.keuzes["wijzigbaar"])

    @task(3)
    def filteren(self) -> None:
        self.wijzigbare = self._overzicht(self._statussen(), "overzicht: statussen")

    @task(1)
    def geen_filter(self) -> None:
        self._overzicht("", "overzicht: geen filter")

    @task(2)
    def status_wijzigen(self) -> None:
        referentie = self._referentie(self.wijzigbare)
        if not referentie:
            return
        pad = f"/hulpvragen/{referentie}/status-wijzigen/"
        formulier = self._csrf(pad, "status wijzigen: formulier")
        if formulier is None:
            return
        token, pagina = formulier
        keuzes, huidige = OPTIE.findall(pagina), HUIDIGE_STATUS.search(pagina)
        if not keuzes or huidige is None:
            return
        with self.client.post(
            pad,
            {
                "csrfmiddlewaretoken": token,
                "naar": secrets.choice(keuzes),
                "reden": "Belastingtest",
                "huidige_status": huidige.group(1),
            },
            name="status wijzigen",
            allow_redirects=False,
            catch_response=True,
        ) as antwoord:
            _verwacht_doorsturen(antwoord)
        # The next change starts from a hulpvraag still in a status SWV staff may change.
        self.filteren()

    @task(1)
    def managementoverzicht(self) -> None:
        self.client.get("/managementoverzicht/", name="managementoverzicht")

    @task(1)
    def exporteren(self) -> None:
        self.client.get(f"/hulpvragen/export.csv?school={self.keuzes['school']}", name="CSV-export")
