from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

MAXIMUM_PASSWORD_LENGTH = 256


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
        user_inputs = [
            str(getattr(user, field, "") or "")
            for field in ("gebruikersnaam", "voornaam", "achternaam", "email")
        ]
        # zxcvbn refuses input over 72 characters; a passphrase that long is strong anyway.
        result = zxcvbn(password[:72], user_inputs=[value for value in user_inputs if value])
        if result["score"] < self.min_score:
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
