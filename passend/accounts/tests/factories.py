from base64 import b32decode

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.models import Gebruiker, Rol
from passend.accounts.services import gebruiker_aanmaken
from passend.organisaties.models import Samenwerkingsverband, School
from passend.organisaties.tests.factories import SchoolFactory

WACHTWOORD = "Kralingse-plas-bij-avondrood"


def account_maken(
    swv: Samenwerkingsverband,
    gebruikersnaam: str = "iverhoef",
    *,
    rol: str = "intern_begeleider",
    scholen: tuple[School, ...] = (),
    wachtwoord: str = WACHTWOORD,
    email: str | None = None,
    met_authenticator: bool = True,
) -> Gebruiker:
    """An account made through the service, as the application would make it."""
    rollen = Rol.objects.filter(code=rol)
    if not scholen and rollen.filter(aan_scholen_gekoppeld=True).exists():
        scholen = (SchoolFactory.create(swv=swv),)
    gebruiker = gebruiker_aanmaken(
        swv=swv,
        gebruikersnaam=gebruikersnaam,
        voornaam="Ingrid",
        achternaam="Verhoef",
        email=email or f"{gebruikersnaam}@{swv.code.lower()}.example.nl",
        rollen=rollen,
        scholen=scholen,
        wachtwoord=wachtwoord,
    )
    if met_authenticator:
        TOTPDevice.objects.create(user=gebruiker, name="Authenticator-app", confirmed=True)
    return gebruiker


def inloggen(client: Client, gebruiker: Gebruiker, wachtwoord: str = WACHTWOORD) -> None:
    """Logs in through the login page, with both factors, as a person would."""
    antwoord = client.post(
        reverse("accounts:aanmelden"),
        {
            "organisatie": gebruiker.swv.code,
            "gebruikersnaam": gebruiker.gebruikersnaam,
            "wachtwoord": wachtwoord,
            "code": huidige_code(gebruiker),
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()


def huidige_code(gebruiker: Gebruiker, *, verschuiving: int = 0) -> str:
    """The code the user's authenticator app shows now (or `verschuiving` steps later)."""
    device = TOTPDevice.objects.get(user=gebruiker, confirmed=True)
    return totp_code(device.bin_key, step=device.step, verschuiving=verschuiving)


def code_uit_geheim(geheim: str, *, verschuiving: int = 0) -> str:
    """The code an authenticator app shows now for a secret as Passend prints it (base32,
    spaces allowed): on the enrolment page, in the demo's table, in genereer_data's JSON."""
    return totp_code(b32decode("".join(geheim.split())), verschuiving=verschuiving)


def totp_code(sleutel: bytes, *, step: int = 30, verschuiving: int = 0) -> str:
    """Every test computes codes here, as an authenticator app does (RFC 6238, django-otp's
    defaults). A code computed now is accepted during this step and the next (django-otp's
    tolerance of one step), so a login right after computing it cannot fall between steps."""
    return f"{totp(sleutel, step=step, drift=verschuiving):06d}"
