"""The Esis simulator: plays a school's Esis against a running Passend, over HTTP and through the
public API only, as the manual's Esis chapter describes it (R10, R11): a new request with
attachments ("Opslaan en verzenden"), a draft that is changed and then sent ("Opslaan"), a
request the SWV finds incomplete that Esis completes and sends again, and reading the status
back. `manage.py lvs_simulator esis ...` runs it; the tests run it against a live server.

`manage.py lvs_simulator parnassys` plays ParnasSys (issue 15, R6-R8): it submits the four
official OSO sample dossiers through POST /api/v1/oso/aanvragen/, reads each status back, and
offers variants that must be refused (a forbidden block, broken XML).

The one step Esis cannot take, the SWV setting "Dossier incompleet", is not part of the API: the
simulator takes it through the hulpvragen services, in the same database, as the SWV account
named with `--als-swv`, and says so in its output.

The defaults are the demo's (passend/testdata: `manage.py demo`, which `make run` loads): its Esis
client's token and De Regenboog's verification code. They are public and only the demo creates
them; the demo refuses to run in production (DJANGO_ENV=production), so these values open
nothing there.
"""

import base64
import io
import json
import re
import secrets
import textwrap
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pikepdf
from django.utils import timezone

from passend.koppelingen.oso import voorbeelden

# --- The demo's values (demo only: `manage.py demo` creates them, never in production) --------

DEMO_SLEUTEL_ID = "de000000000e5150"
DEMO_GEHEIM = "alleen-voor-de-demo-nooit-in-productie-esis-2026"  # public demo value
DEMO_TOKEN = f"psd_{DEMO_SLEUTEL_ID}_{DEMO_GEHEIM}"
DEMO_VERIFICATIECODE = "12AB00-demo-esis-regenboog-2026"
DEMO_CONTACTPERSOON = "iverhoef@po2806.demo.passend.nl"
DEMO_URL = "http://127.0.0.1:8000"

TITEL = "Ambulante Begeleiding"
INCOMPLEET = "dossier_incompleet"
SCENARIOS = ("nieuw", "concept", "incompleet", "status")


class SimulatieFout(Exception):
    """An answer the simulator did not expect: the command stops with a non-zero exit."""


@dataclass
class Antwoord:
    status: int
    kopjes: dict[str, str]
    data: Any

    def fout(self) -> str:
        """The API's machine code and Dutch message, as far as the body has them."""
        if isinstance(self.data, dict) and "code" in self.data:
            velden = "; ".join(
                f"{f.get('veld')}: {f.get('code')} ({f.get('melding')})"
                for f in self.data.get("fouten", [])
            )
            return f"{self.data['code']}: {self.data.get('melding', '')}" + (
                f" [{velden}]" if velden else ""
            )
        return str(self.data)[:300]


def pdf(tekst: str) -> bytes:
    """A small real PDF (one A4 page with a line of text), different for every call: the same
    content twice in one hulpvraag is refused as a duplicate."""
    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    pagina = document.pages[0]
    pagina.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            F1=pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
    )
    regel = f"{tekst} ({secrets.token_hex(4)})"
    pagina.Contents = document.make_stream(
        f"BT /F1 14 Tf 72 770 Td ({regel}) Tj ET".encode("latin-1")
    )
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()


def tijdstip(iso: str) -> str:
    """An API time as the school reads it: dd-mm-jjjj hh:mm:ss, Europe/Amsterdam."""
    return f"{timezone.localtime(datetime.fromisoformat(iso)):%d-%m-%Y %H:%M:%S}"


def bijlage(bestandsnaam: str, inhoud: bytes, soort: str = "") -> dict[str, str]:
    return {
        "bestandsnaam": bestandsnaam,
        "inhoud": base64.b64encode(inhoud).decode(),
        "soort": soort,
    }


def multipart(
    gegevens: dict[str, Any], bestanden: list[tuple[str, bytes, str]]
) -> tuple[bytes, str]:
    """The multipart form of a call: the fields as JSON in `gegevens`, each file in `bijlagen`
    with its kind in `soorten` (same order)."""
    grens = "----esis-simulator-" + secrets.token_hex(8)
    delen = [
        f'--{grens}\r\nContent-Disposition: form-data; name="gegevens"\r\n'
        f"Content-Type: application/json\r\n\r\n{json.dumps(gegevens)}\r\n".encode()
    ]
    for naam, inhoud, soort in bestanden:
        delen.append(
            f'--{grens}\r\nContent-Disposition: form-data; name="bijlagen"; filename="{naam}"\r\n'
            f"Content-Type: application/pdf\r\n\r\n".encode()
            + inhoud
            + b"\r\n"
        )
        delen.append(
            f'--{grens}\r\nContent-Disposition: form-data; name="soorten"\r\n\r\n'
            f"{soort}\r\n".encode()
        )
    delen.append(f"--{grens}--\r\n".encode())
    return b"".join(delen), f"multipart/form-data; boundary={grens}"


@dataclass(frozen=True)
class Leerling:
    roepnaam: str
    achternaam: str
    geboortedatum: str
    tussenvoegsel: str = ""

    def json(self) -> dict[str, Any]:
        return {
            "roepnaam": self.roepnaam,
            "tussenvoegsel": self.tussenvoegsel,
            "achternaam": self.achternaam,
            "geboortedatum": self.geboortedatum,
            "geslacht": 0,
            "ouder_emailadressen": ["ouders@example.nl"],
            "adressen": [
                {
                    "soort": "woon_en_postadres",
                    "straat": "Molenstraat",
                    "huisnummer": 12,
                    "postcode": "3071AB",
                    "plaats": "Rotterdam",
                }
            ],
        }


# Fictional pupils, one per scenario. A second run finds the same pupil's dossier (the web's
# duplicate rule: same name and birth date) and adds a hulpvraag to it.
LEERLINGEN = {
    "nieuw": Leerling("Noor", "Visser", "2016-03-14"),
    "concept": Leerling("Daan", "Smit", "2015-09-02"),
    "incompleet": Leerling("Lotte", "Graaf", "2017-01-23", "de"),
}


@dataclass
class EsisSimulator:
    url: str = DEMO_URL
    token: str = DEMO_TOKEN
    verificatiecode: str = DEMO_VERIFICATIECODE
    contactpersoon: str = DEMO_CONTACTPERSOON
    als_swv: str = ""
    titel: str = TITEL
    uit: Callable[[str], None] = print
    timeout: float = 60.0
    # The requests this run made, by scenario: {"uuid", "referentie"} (the tests read them).
    gemaakt: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise SimulatieFout(f"Geef een http(s)-adres met --url, niet {self.url!r}.")

    # --- HTTP -----------------------------------------------------------------------------------

    def verzoek(
        self,
        methode: str,
        pad: str,
        *,
        json_: Any = None,
        body: bytes | None = None,
        content_type: str = "",
        kopjes: dict[str, str] | None = None,
    ) -> Antwoord:
        alle = {
            "Authorization": f"Bearer {self.token}",
            "Accept": "application/json",
            **self.identiteit(),
            **(kopjes or {}),
        }
        if json_ is not None:
            body, content_type = json.dumps(json_).encode(), "application/json"
        if content_type:
            alle["Content-Type"] = content_type
        verzoek = urllib.request.Request(  # noqa: S310 (http(s) only: __post_init__)
            self.url.rstrip("/") + "/api/v1" + pad, data=body, headers=alle, method=methode
        )
        try:
            with urllib.request.urlopen(verzoek, timeout=self.timeout) as antwoord:  # noqa: S310
                return self._antwoord(antwoord.status, dict(antwoord.headers), antwoord.read())
        except urllib.error.HTTPError as fout:
            return self._antwoord(fout.code, dict(fout.headers), fout.read())
        except (urllib.error.URLError, OSError) as fout:
            raise SimulatieFout(
                f"Passend is niet bereikbaar op {self.url} ({fout}). Start het met `make run` "
                "of geef het adres met --url."
            ) from fout

    def identiteit(self) -> dict[str, str]:
        """How this system names the school and the acting account in every call."""
        return {
            "X-Verificatiecode": self.verificatiecode,
            "X-Contactpersoon": self.contactpersoon,
            "User-Agent": "Passend-Esis-simulator/1",
        }

    @staticmethod
    def _antwoord(status: int, kopjes: dict[str, str], inhoud: bytes) -> Antwoord:
        try:
            data = json.loads(inhoud) if inhoud else None
        except ValueError:
            data = inhoud.decode(errors="replace")
        return Antwoord(status, {k.lower(): v for k, v in kopjes.items()}, data)

    def stap(self, methode: str, pad: str, antwoord: Antwoord, tekst: str) -> None:
        # A request's UUID is printed once in full; the path column shows its start.
        pad = re.sub(r"([0-9a-f]{8})-[0-9a-f-]{27}", r"\1…", pad)
        self.uit(f"  {methode:<6} {pad:<46} {antwoord.status}  {tekst}")

    def verwacht(self, antwoord: Antwoord, status: int, wat: str) -> dict[str, Any]:
        if antwoord.status != status:
            raise SimulatieFout(
                f"{wat}: verwacht HTTP {status}, kreeg {antwoord.status}: {antwoord.fout()}"
            )
        return antwoord.data if isinstance(antwoord.data, dict) else {}

    @staticmethod
    def samenvatting(data: dict[str, Any]) -> str:
        referentie = data.get("referentie") or "nog geen referentie"
        bijlagen = len(data.get("bijlagen", []))
        return f"{referentie} · {data.get('statusnaam')} · {bijlagen} bijlage(n)"

    def kop(self, tekst: str) -> None:
        self.uit("")
        self.uit(tekst)

    # --- The request as Esis builds it ------------------------------------------------------------

    def gegevens(self, scenario: str, zorgvraag: str, **anders: Any) -> dict[str, Any]:
        return {
            "leerling": LEERLINGEN[scenario].json(),
            "groep": "5",
            "contactpersoon": {
                "naam": "Contactpersoon via Esis",
                "email": self.contactpersoon,
                "telefoon": "010-1234567",
                "functie": "Intern begeleider",
            },
            "korte_omschrijving": self.titel,
            "zorgvraag": zorgvraag,
            **anders,
        }

    def titel_controleren(self) -> None:
        antwoord = self.verzoek("GET", "/titels/")
        if antwoord.status != 200 or not isinstance(antwoord.data, list):
            self.verwacht(antwoord, 200, "De lijst met korte omschrijvingen")
        namen = [t["naam"] for t in antwoord.data]
        if self.titel not in namen:
            raise SimulatieFout(
                f"‘{self.titel}’ staat niet in de lijst van deze school: {', '.join(namen)}"
            )
        self.stap(
            "GET",
            "/api/v1/titels/",
            antwoord,
            f"{len(namen)} korte omschrijvingen; gekozen: {self.titel}",
        )

    def lezen(self, uuid: str) -> tuple[dict[str, Any], str]:
        antwoord = self.verzoek("GET", f"/aanvragen/{uuid}/")
        data = self.verwacht(antwoord, 200, "De aanvraag teruglezen")
        self.stap("GET", f"/api/v1/aanvragen/{uuid}/", antwoord, self.samenvatting(data))
        return data, antwoord.kopjes.get("etag", "")

    # --- Scenarios --------------------------------------------------------------------------------

    def nieuw(self) -> dict[str, Any]:
        """A new request with the OPP and a report, sent at once ("Opslaan en verzenden"); then
        the same call again with the same Idempotency-Key, as Esis retries after a time-out."""
        self.kop("Scenario ‘nieuw’: nieuwe aanvraag met bijlagen, ‘Opslaan en verzenden’")
        self.titel_controleren()
        datum = timezone.localdate().strftime("%d%m%y")
        invoer = self.gegevens(
            "nieuw",
            "Op het gebied van gedrag en werkhouding; de aanpak in de klas is niet genoeg.",
            opp_toevoegen=True,
            bijlagen=[
                bijlage(f"OPP{datum}.pdf", pdf("Ontwikkelingsperspectiefplan"), "opp"),
                bijlage(f"Verslag orthopedagoog {datum}.pdf", pdf("Verslag"), "verslag"),
            ],
            verzenden=True,
        )
        sleutel = f"esis-simulator-{secrets.token_hex(8)}"
        antwoord = self.verzoek(
            "POST", "/aanvragen/", json_=invoer, kopjes={"Idempotency-Key": sleutel}
        )
        data = self.verwacht(antwoord, 201, "Opslaan en verzenden")
        if data.get("status") == "concept" or not data.get("referentie"):
            raise SimulatieFout(f"Verzonden, maar geen hulpvraag: {self.samenvatting(data)}")
        if len(data.get("bijlagen", [])) != 2:
            raise SimulatieFout(f"Twee bijlagen verzonden, ontvangen: {self.samenvatting(data)}")
        self.stap("POST", "/api/v1/aanvragen/ (verzenden)", antwoord, self.samenvatting(data))
        herhaald = self.verzoek(
            "POST", "/aanvragen/", json_=invoer, kopjes={"Idempotency-Key": sleutel}
        )
        tweede = self.verwacht(herhaald, 201, "Dezelfde aanvraag nog eens (Idempotency-Key)")
        if tweede.get("uuid") != data["uuid"] or herhaald.kopjes.get("idempotent-replayed") != (
            "true"
        ):
            raise SimulatieFout(
                "Een herhaald verzoek met dezelfde Idempotency-Key maakte een tweede aanvraag."
            )
        self.stap(
            "POST",
            "/api/v1/aanvragen/ (nogmaals, zelfde sleutel)",
            herhaald,
            f"hetzelfde antwoord, niets dubbel ({tweede.get('referentie')})",
        )
        self.gemaakt["nieuw"] = {"uuid": data["uuid"], "referentie": data["referentie"]}
        return data

    def concept(self) -> dict[str, Any]:
        """ "Opslaan" keeps a draft (no hulpvraag yet); it is changed, gets the OPP, and is sent."""
        self.kop("Scenario ‘concept’: ‘Opslaan’, wijzigen, dan verzenden")
        invoer = self.gegevens(
            "concept",
            "Eerste opzet; wordt nog aangevuld.",
            bijlagen=[
                bijlage(
                    "Toelichting onderwijsbehoeften.pdf",
                    pdf("Toelichting"),
                    "toelichting_onderwijsbehoeften",
                )
            ],
            verzenden=False,
        )
        antwoord = self.verzoek("POST", "/aanvragen/", json_=invoer)
        data = self.verwacht(antwoord, 201, "Opslaan (concept)")
        if data.get("status") != "concept" or data.get("referentie"):
            raise SimulatieFout(f"‘Opslaan’ maakte geen concept: {self.samenvatting(data)}")
        uuid = data["uuid"]
        self.stap(
            "POST",
            "/api/v1/aanvragen/ (opslaan)",
            antwoord,
            f"{self.samenvatting(data)} · uuid {uuid}",
        )
        etag = antwoord.kopjes.get("etag", "")

        wijziging = {
            "zorgvraag": "Op het gebied van taal en lezen; de extra begeleiding helpt te weinig.",
            "opp_toevoegen": True,
            "bijlagen": [
                bijlage(
                    f"OPP{timezone.localdate():%d%m%y}.pdf",
                    pdf("Ontwikkelingsperspectiefplan"),
                    "opp",
                )
            ],
        }
        antwoord = self.verzoek(
            "PATCH", f"/aanvragen/{uuid}/", json_=wijziging, kopjes={"If-Match": etag}
        )
        data = self.verwacht(antwoord, 200, "Het concept wijzigen")
        if data.get("status") != "concept" or len(data.get("bijlagen", [])) != 2:
            raise SimulatieFout(f"Het gewijzigde concept klopt niet: {self.samenvatting(data)}")
        self.stap(
            "PATCH", f"/api/v1/aanvragen/{uuid}/ (wijzigen)", antwoord, self.samenvatting(data)
        )
        oud = etag
        etag = antwoord.kopjes.get("etag", "")

        verouderd = self.verzoek(
            "PATCH", f"/aanvragen/{uuid}/", json_={"verzenden": True}, kopjes={"If-Match": oud}
        )
        self.verwacht(verouderd, 412, "Verzenden met een verouderde ETag")
        self.stap(
            "PATCH",
            f"/api/v1/aanvragen/{uuid}/ (oude ETag)",
            verouderd,
            "geweigerd: de aanvraag was intussen gewijzigd (versie_verouderd)",
        )

        antwoord = self.verzoek(
            "PATCH", f"/aanvragen/{uuid}/", json_={"verzenden": True}, kopjes={"If-Match": etag}
        )
        data = self.verwacht(antwoord, 200, "Het concept verzenden")
        if data.get("status") == "concept" or not data.get("referentie"):
            raise SimulatieFout(f"Verzonden, maar geen hulpvraag: {self.samenvatting(data)}")
        self.stap(
            "PATCH", f"/api/v1/aanvragen/{uuid}/ (verzenden)", antwoord, self.samenvatting(data)
        )
        self.gemaakt["concept"] = {"uuid": uuid, "referentie": data["referentie"]}
        return data

    def incompleet(self) -> dict[str, Any]:
        """Sent without the report; the SWV sets "Dossier incompleet"; Esis adds the report and
        sends again: the same hulpvraag, back in Aanmelding (R11)."""
        self.kop("Scenario ‘incompleet’: verzenden, ‘Dossier incompleet’, aanvullen en opnieuw")
        if not self.als_swv:
            raise SimulatieFout(
                "Het scenario ‘incompleet’ heeft een medewerker van het samenwerkingsverband "
                "nodig die ‘Dossier incompleet’ zet: geef --als-swv <gebruikersnaam> "
                "(in de demo: pjansen)."
            )
        invoer = self.gegevens(
            "incompleet",
            "Op het gebied van de sociaal-emotionele ontwikkeling.",
            opp_toevoegen=True,
            bijlagen=[
                bijlage(
                    f"OPP{timezone.localdate():%d%m%y}.pdf",
                    pdf("Ontwikkelingsperspectiefplan"),
                    "opp",
                )
            ],
            verzenden=True,
        )
        antwoord = self.verzoek("POST", "/aanvragen/", json_=invoer)
        data = self.verwacht(antwoord, 201, "Opslaan en verzenden")
        uuid, referentie = data["uuid"], data["referentie"]
        self.stap(
            "POST",
            "/api/v1/aanvragen/ (verzenden)",
            antwoord,
            f"{self.samenvatting(data)} · uuid {uuid}",
        )

        reden = "Het verslag van de orthopedagoog ontbreekt; voeg het toe en verzend opnieuw."
        naam = swv_zet_incompleet(referentie=referentie, gebruikersnaam=self.als_swv, reden=reden)
        self.uit(
            f"  {'(SWV)':<6} {'buiten de API, via de hulpvragen-services':<46} ok   "
            f"{self.als_swv} zet {referentie} op ‘{naam}’ met een reden"
        )

        data, etag = self.lezen(uuid)
        if data.get("status") != INCOMPLEET:
            raise SimulatieFout(f"Esis leest niet ‘Dossier incompleet’: {self.samenvatting(data)}")
        laatste = data["statushistorie"][-1]
        self.uit(f"  {'':<6} {'':<46}      reden: {laatste['reden']}")

        gegevens = {"verzenden": True}
        bestand = (
            f"Verslag orthopedagoog {timezone.localdate():%d%m%y}.pdf",
            pdf("Verslag orthopedagoog"),
            "verslag",
        )
        body, soort = multipart(gegevens, [bestand])
        antwoord = self.verzoek(
            "PATCH", f"/aanvragen/{uuid}/", body=body, content_type=soort, kopjes={"If-Match": etag}
        )
        data = self.verwacht(antwoord, 200, "Aanvullen en opnieuw verzenden")
        if data.get("referentie") != referentie:
            raise SimulatieFout(
                f"Opnieuw verzonden in een andere hulpvraag: {data.get('referentie')}"
            )
        if data.get("status") != "aanmelding" or len(data.get("bijlagen", [])) != 2:
            raise SimulatieFout(f"Opnieuw verzonden, maar: {self.samenvatting(data)}")
        self.stap(
            "PATCH",
            f"/api/v1/aanvragen/{uuid}/ (bijlage, opnieuw)",
            antwoord,
            f"{self.samenvatting(data)}: dezelfde hulpvraag",
        )
        self.gemaakt["incompleet"] = {"uuid": uuid, "referentie": referentie}
        return data

    def status(self, uuid: str = "") -> dict[str, Any]:
        """Reads the school's requests through this link, and one request's status history
        (with the reasons) and attachments: the newest, or `uuid`."""
        self.kop("Scenario ‘status’: status, statushistorie en bijlagen teruglezen")
        antwoord = self.verzoek("GET", "/aanvragen/?per_pagina=5")
        lijst = self.verwacht(antwoord, 200, "De lijst met aanvragen")
        self.stap(
            "GET",
            "/api/v1/aanvragen/?per_pagina=5",
            antwoord,
            f"{lijst.get('count')} aanvragen via deze koppeling",
        )
        for rij in lijst.get("results", []):
            self.uit(
                f"  {'':<6} {'':<46}      {rij.get('referentie') or '(concept)':<15} "
                f"{rij.get('statusnaam'):<20} {rij.get('korte_omschrijving')}"
            )
        if not uuid:
            verzonden = [r for r in lijst.get("results", []) if r.get("referentie")]
            if not verzonden:
                self.uit("  Nog geen verzonden aanvraag om terug te lezen.")
                return {}
            uuid = verzonden[0]["uuid"]
        data, _etag = self.lezen(uuid)
        self.uit("    Statushistorie:")
        for wijziging in data.get("statushistorie", []):
            van = wijziging.get("van") or "(nieuw)"
            reden = f" — {wijziging['reden']}" if wijziging.get("reden") else ""
            self.uit(f"      {tijdstip(wijziging['op'])}  {van} → {wijziging['naar']}{reden}")
        self.uit("    Bijlagen:")
        for rij in data.get("bijlagen", []):
            self.uit(f"      {rij['bestandsnaam']} ({rij['grootte']} bytes, {rij['soort'] or '-'})")
        return data

    def spelen(self, scenario: str) -> None:
        self.uit(
            f"Esis-simulator → {self.url.rstrip('/')}/api/v1/ (school via de verificatiecode, "
            f"contactpersoon {self.contactpersoon})"
        )
        if scenario == "alles":
            self.nieuw()
            self.concept()
            if self.als_swv:
                self.incompleet()
                self.status(self.gemaakt["incompleet"]["uuid"])
            else:
                self.kop(
                    "Scenario ‘incompleet’ overgeslagen: geef --als-swv <gebruikersnaam> van een "
                    "medewerker van het samenwerkingsverband (in de demo: pjansen)."
                )
                self.status(self.gemaakt["nieuw"]["uuid"])
        else:
            getattr(self, scenario)()
        self.uit("")
        self.uit("Klaar: elk antwoord was zoals Esis het verwacht.")


def swv_zet_incompleet(*, referentie: str, gebruikersnaam: str, reden: str) -> str:
    """The SWV's step, which the API does not offer: "Dossier incompleet" with a reason, as the
    SWV account would set it in the web screens, through the same service, rights and mail. The
    access log names the simulator as the system."""
    from passend.accounts.models import Gebruiker
    from passend.audit.context import verzoekcontext
    from passend.hulpvragen.models import Hulpvraag
    from passend.hulpvragen.rechten import statuskeuzes
    from passend.hulpvragen.selectors import hulpvraag_voor_detail
    from passend.hulpvragen.services import hulpvraag_status_wijzigen

    # The account first, then the hulpvraag through the web's own selector: the simulator's SWV
    # step sees only what that account may see.
    door, hulpvraag = None, None
    for kandidaat in Gebruiker.objects.filter(gebruikersnaam=gebruikersnaam, is_active=True):
        try:
            door, hulpvraag = kandidaat, hulpvraag_voor_detail(kandidaat, referentie)
            break
        except Hulpvraag.DoesNotExist:
            continue
    if door is None or hulpvraag is None:
        raise SimulatieFout(
            f"Geen actief account ‘{gebruikersnaam}’ dat {referentie} ziet. Draait Passend op een "
            "andere database dan dit commando (DATABASE_URL), of is het account geen medewerker "
            "van het samenwerkingsverband van de hulpvraag?"
        )
    keuze = next(
        (
            k
            for k in statuskeuzes(door, hulpvraag)
            if k.status.code == INCOMPLEET and not k.ontbreekt
        ),
        None,
    )
    if keuze is None:
        raise SimulatieFout(
            f"{gebruikersnaam} kan {referentie} niet op ‘Dossier incompleet’ zetten (status nu: "
            f"{hulpvraag.status.naam}); kies een medewerker van het samenwerkingsverband die de "
            "hulpvraag ziet, zoals de schoolcontactpersoon."
        )
    with verzoekcontext(systeem="lvs_simulator: stap van het samenwerkingsverband"):
        hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag,
            naar=keuze.status,
            door=door,
            reden=reden,
            verwachte_status=hulpvraag.status_id,
        )
    return keuze.status.naam


# --- ParnasSys through OSO (demo only: `manage.py demo` creates the client and the school) --------

PARNASSYS_SLEUTEL_ID = "de0000000005a555"
PARNASSYS_GEHEIM = "alleen-voor-de-demo-nooit-in-productie-parnassys-2026"  # public demo value
PARNASSYS_TOKEN = f"psd_{PARNASSYS_SLEUTEL_ID}_{PARNASSYS_GEHEIM}"
# BRIN 00YY + vestiging 00: the school of the official sample dossiers.
PARNASSYS_SCHOOL = "00YY00"
PARNASSYS_SWV = "PO2806"


def oso_multipart(aanvraag: dict[str, Any], dossier: bytes) -> tuple[bytes, str]:
    """The multipart form of an OSO submission: `aanvraag` (JSON) and `dossier` (the XML)."""
    grens = "----parnassys-simulator-" + secrets.token_hex(8)
    body = (
        f'--{grens}\r\nContent-Disposition: form-data; name="aanvraag"\r\n'
        f"Content-Type: application/json\r\n\r\n{json.dumps(aanvraag)}\r\n".encode()
        + f'--{grens}\r\nContent-Disposition: form-data; name="dossier"; '
        f'filename="dossier.xml"\r\nContent-Type: application/xml\r\n\r\n'.encode()
        + dossier
        + f"\r\n--{grens}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={grens}"


# Variants of a sample that Passend must refuse, with the code it must answer.
GEWEIGERD: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "verboden_blok": (
        "het blok Verzuim meegestuurd, terwijl de ouders het uitsloten (OPT-UIT)",
        lambda: voorbeelden.blok_overnemen(
            voorbeelden.voorbeeld("po_opt_out"), voorbeelden.voorbeeld("po_full"), "verzuim"
        ),
        "blok_niet_toegestaan",
    ),
    "kapotte_xml": (
        "een afgebroken XML-bestand",
        lambda: voorbeelden.kapot(voorbeelden.voorbeeld("po_opt_out")),
        "xml_ongeldig",
    ),
}


@dataclass
class ParnassysSimulator(EsisSimulator):
    """ParnasSys: the school follows from BRIN + vestiging in the dossier; reading back names it
    with X-School. `gemaakt` holds every accepted sample by name, `geweigerd` every refusal."""

    token: str = PARNASSYS_TOKEN
    school: str = PARNASSYS_SCHOOL
    samenwerkingsverband: str = PARNASSYS_SWV
    geweigerd: dict[str, str] = field(default_factory=dict)

    def identiteit(self) -> dict[str, str]:
        return {
            "X-School": self.school,
            "X-Contactpersoon": self.contactpersoon,
            "User-Agent": "Passend-ParnasSys-simulator/1",
        }

    def aanvraag(self) -> dict[str, Any]:
        return {
            "samenwerkingsverband": self.samenwerkingsverband,
            "aanvraagtype": self.titel,
            "datum": timezone.localdate().isoformat(),
            "omschrijving": "Op het gebied van gedrag en werkhouding (ParnasSys-simulator).",
            "contactpersoon": {
                "naam": "Contactpersoon via ParnasSys",
                "email": self.contactpersoon,
                "telefoon": "010-1234567",
                "functie": "Intern begeleider",
            },
        }

    def indienen(self, dossier: bytes) -> Antwoord:
        body, soort = oso_multipart(self.aanvraag(), dossier)
        return self.verzoek("POST", "/oso/aanvragen/", body=body, content_type=soort)

    def voorbeeld(self, naam: str) -> dict[str, Any]:
        antwoord = self.indienen(voorbeelden.voorbeeld(naam))
        data = self.verwacht(antwoord, 201, f"Voorbeelddossier {naam}")
        if not data.get("referentie"):
            raise SimulatieFout(
                f"{naam}: verzonden, maar geen hulpvraag: {self.samenvatting(data)}"
            )
        self.stap("POST", f"/api/v1/oso/aanvragen/ ({naam})", antwoord, self.samenvatting(data))
        for wat, namen in (
            ("niet bewaard (B7)", data.get("weggelaten_blokken", [])),
            ("onleesbare bijlagen", data.get("onleesbare_bijlagen", [])),
        ):
            if namen:
                self.uit(
                    textwrap.fill(
                        f"{wat}: {', '.join(namen)}",
                        width=100,
                        initial_indent=" " * 61,
                        subsequent_indent=" " * 63,
                    )
                )
        gelezen, _etag = self.lezen(data["uuid"])
        if gelezen.get("referentie") != data["referentie"]:
            raise SimulatieFout(f"{naam}: teruggelezen een andere aanvraag dan ingediend.")
        self.gemaakt[naam] = {"uuid": data["uuid"], "referentie": data["referentie"]}
        return gelezen

    def weigering(self, naam: str) -> str:
        omschrijving, maken, code = GEWEIGERD[naam]
        antwoord = self.indienen(maken())
        if antwoord.status < 400 or not isinstance(antwoord.data, dict):
            raise SimulatieFout(
                f"{naam} ({omschrijving}) werd niet geweigerd: HTTP {antwoord.status}"
            )
        if antwoord.data.get("code") != code:
            raise SimulatieFout(f"{naam}: verwacht code {code}, kreeg {antwoord.fout()}")
        self.stap(
            "POST", f"/api/v1/oso/aanvragen/ ({naam})", antwoord, f"geweigerd: {omschrijving}"
        )
        self.uit(f"  {'':<6} {'':<46}      {antwoord.fout()}")
        self.geweigerd[naam] = code
        return code

    def spelen(self, scenario: str = "alles") -> None:
        self.uit(
            f"ParnasSys-simulator → {self.url.rstrip('/')}/api/v1/oso/ (school {self.school} "
            f"via BRIN en vestiging, contactpersoon {self.contactpersoon})"
        )
        if scenario in ("alles", "voorbeelden"):
            self.kop(
                "De officiële OSO-voorbeelddossiers (PaO, release 2019.1): indienen en teruglezen"
            )
            for naam in voorbeelden.VOORBEELDEN:
                self.voorbeeld(naam)
        if scenario in ("alles", "geweigerd"):
            self.kop("Dossiers die Passend moet weigeren (er wordt niets opgeslagen)")
            for naam in GEWEIGERD:
                self.weigering(naam)
        self.uit("")
        self.uit("Klaar: elk antwoord was zoals ParnasSys het verwacht.")


PARNASSYS_SCENARIOS = ("voorbeelden", "geweigerd")
