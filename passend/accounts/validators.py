import re
from pathlib import Path
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn
from zxcvbn.matching import add_frequency_lists

MAXIMUM_PASSWORD_LENGTH = 256
WOORDENLIJSTEN = Path(__file__).resolve().parent / "wachtwoorden"
# The product's own words, which every account's password might lean on.
PRODUCTWOORDEN = ["passend", "passendonderwijs", "swv", "samenwerkingsverband", "kindkans"]


def _regels(naam: str) -> list[str]:
    regels = (WOORDENLIJSTEN / naam).read_text(encoding="utf-8").splitlines()
    woorden = [regel.strip().lower() for regel in regels if regel.strip()]
    # In order of the file (most common first), each word once.
    return list(dict.fromkeys(woord for woord in woorden if not woord.startswith("#")))


# zxcvbn ships English word lists only: "Welkom12345!" scored as strong (ASVS V2.1.7).
add_frequency_lists({"nederlands": _regels("nederlands.txt")})


def _woorden(*teksten: str) -> list[str]:
    """Each text whole and each of its words of four letters or more ("PPO Rotterdam" gives
    "ppo rotterdam", "pporotterdam" and "rotterdam"), as a password would spell them."""
    gevonden: list[str] = []
    for tekst in teksten:
        tekst = tekst.strip().lower()
        if not tekst:
            continue
        gevonden += [tekst, re.sub(r"\W+", "", tekst)]
        gevonden += [woord for woord in re.split(r"\W+", tekst) if len(woord) >= 4]
    return list(dict.fromkeys(woord for woord in gevonden if woord))


def eigen_woorden(user: Any) -> list[str]:
    """What an account's password must not lean on: Passend's own words, the account's
    names, its SWV's name and code and the names of the SWV's schools."""
    teksten = [
        str(getattr(user, veld, "") or "")
        for veld in ("gebruikersnaam", "voornaam", "achternaam", "email")
    ]
    teksten += str(getattr(user, "email", "") or "").split("@")
    swv = getattr(user, "swv", None) if getattr(user, "swv_id", None) else None
    if swv is not None:
        teksten += [swv.naam, swv.code]
        teksten += list(swv.scholen.values_list("naam", flat=True))
    return PRODUCTWOORDEN + _woorden(*teksten)


def kern(password: str) -> str:
    """The password without the digits and signs at its ends: "Welkom12345!" gives "Welkom"."""
    return re.sub(r"^[\W\d_]+|[\W\d_]+$", "", password.strip())


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20,000 breached passwords plus Dutch ones (wachtwoorden/gelekt-nl.txt),
    with a Dutch message."""

    def __init__(self) -> None:
        super().__init__()
        self.passwords |= set(_regels("gelekt-nl.txt"))

    def validate(self, password: str, user: Any = None) -> None:
        # As typed, and without the digits and signs at its ends ("wachtwoord123!").
        if {password.lower().strip(), kern(password).lower()} & self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self) -> str:
        return _("Dit wachtwoord is te algemeen: het staat op een lijst van gelekte wachtwoorden.")

    def get_help_text(self) -> str:
        return _("Het wachtwoord mag geen veelgebruikt of gelekt wachtwoord zijn.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2's own message for this has no Dutch translation yet."""

    def get_error_message(self) -> str:
        return _("Dit wachtwoord is te kort: gebruik ten minste %(min)d tekens.") % {
            "min": self.min_length
        }

    def get_help_text(self) -> str:
        return _("Ten minste %(min)d tekens; een zin van een paar woorden werkt goed.") % {
            "min": self.min_length
        }


class MaximumLengthValidator:
    """Long passphrases are welcome (64+ characters, ASVS V2.1.2); a megabyte is not."""

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > MAXIMUM_PASSWORD_LENGTH:
            raise ValidationError(
                _("Een wachtwoord mag hoogstens %(max)d tekens lang zijn.")
                % {"max": MAXIMUM_PASSWORD_LENGTH},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("Hoogstens %(max)d tekens.") % {"max": MAXIMUM_PASSWORD_LENGTH}


class ZxcvbnValidator:
    """Refuses passwords that are easy to guess even when long (ASVS V2.1.7), offline.

    Django's own list of common passwords holds few of 12 characters or more; zxcvbn also knows
    names, keyboard walks, dates and l33t substitutions.
    """

    def __init__(self, min_score: int = 3) -> None:
        self.min_score = min_score

    def validate(self, password: str, user: Any = None) -> None:
        woorden = eigen_woorden(user)
        # zxcvbn refuses input over 72 characters; a passphrase that long is strong anyway.
        # Digits and signs around a word are the first thing a cracker adds ("Welkom12345!"),
        # while zxcvbn rates any three parts as fairly strong: the core is judged on its own.
        uitslagen = [
            zxcvbn(kandidaat[:72], user_inputs=woorden)
            for kandidaat in dict.fromkeys([password, kern(password)])
            if kandidaat
        ]
        if all(uitslag["score"] >= self.min_score for uitslag in uitslagen):
            return
        if any(
            deel.get("dictionary_name") == "user_inputs"
            for uitslag in uitslagen
            for deel in uitslag["sequence"]
        ):
            raise ValidationError(
                _(
                    "Dit wachtwoord is te makkelijk te raden: het leunt op een naam die bij "
                    "uw account hoort (Passend, uw samenwerkingsverband, een school, uw naam "
                    "of gebruikersnaam). Kies een zin van een paar ongewone woorden."
                ),
                code="password_too_guessable",
            )
        raise ValidationError(
            _(
                "Dit wachtwoord is te makkelijk te raden. Kies een langere zin van "
                "een paar ongewone woorden."
            ),
            code="password_too_guessable",
        )

    def get_help_text(self) -> str:
        return _(
            "Het wachtwoord mag niet makkelijk te raden zijn; een zin van een paar "
            "ongewone woorden werkt goed."
        )
