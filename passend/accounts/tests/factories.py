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
    return f"{totp(device.bin_key, step=device.step, drift=verschuiving):06d}"
