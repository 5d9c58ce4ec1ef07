from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.core.forms import TekstKeuzeField
from passend.organisaties.selectors import samenwerkingsverbanden_zoeken


def organisatie_veld(**kwargs: Any) -> TekstKeuzeField:
    """The SWV, found by typing part of its code or name ("PPO" finds PO2806 PPO Rotterdam)."""
    return TekstKeuzeField(
        zoeken=samenwerkingsverbanden_zoeken,
        datalist_id="organisaties",
        label=_("Organisatie"),
        error_messages={"required": _("Kies uw organisatie, bijvoorbeeld door ‘PPO’ te typen.")},
        niet_gevonden=_(
            "Geen organisatie gevonden bij ‘%(tekst)s’. Kies uw organisatie uit de lijst."
        ),
        meerdere=_("Meerdere organisaties passen bij ‘%(tekst)s’. Kies er een uit de lijst."),
        **kwargs,
    )


class CodeField(forms.CharField):
    """The six digits from the authenticator app; spaces people copy along are ignored."""

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("label", _("Code"))
        super().__init__(max_length=20, **kwargs)
        self.widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
        )

    def clean(self, value: str) -> str:  # type: ignore[override]
        code = "".join(super().clean(value).split())
        if code and not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError(
                _("De code bestaat uit 6 cijfers uit uw authenticator-app."), code="vorm"
            )
        return code


class AccountInstellingenForm(forms.Form):
    statusmails_ontvangen = forms.BooleanField(
        label=_("Stuur mij een e-mail bij elke statuswijziging van mijn hulpvragen"),
        required=False,
    )


class AanmeldForm(forms.Form):
    organisatie = organisatie_veld()
    gebruikersnaam = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        error_messages={"required": _("Vul uw gebruikersnaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    wachtwoord = forms.CharField(
        label=_("Wachtwoord"),
        max_length=1024,
        strip=False,
        error_messages={"required": _("Vul uw wachtwoord in.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = CodeField(
        required=False,
        help_text=_(
            "De 6 cijfers uit uw authenticator-app. Meldt u zich voor het eerst aan? "
            "Laat dit veld dan leeg; u stelt de app daarna in."
        ),
    )


class AuthenticatorCodeForm(forms.Form):
    code = CodeField(error_messages={"required": _("Vul de code uit uw authenticator-app in.")})


class WachtwoordVergetenForm(forms.Form):
    organisatie = organisatie_veld()
    gebruikersnaam = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@school.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean(self) -> dict:  # type: ignore[type-arg]
        cleaned = super().clean() or {}
        if (
            not cleaned.get("gebruikersnaam")
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            raise forms.ValidationError(
                _("Vul uw gebruikersnaam of uw e-mailadres in (of allebei)."), code="leeg"
            )
        return cleaned


class ActiverenForm(forms.Form):
    """The first password of an invited account, typed twice."""

    wachtwoord = forms.CharField(
        label=_("Nieuw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 12 tekens; een zin van een paar woorden werkt goed."),
    )
    wachtwoord_herhalen = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:  # type: ignore[type-arg]
        gegevens = super().clean() or {}
        if (
            gegevens.get("wachtwoord")
            and gegevens.get("wachtwoord_herhalen")
            and gegevens["wachtwoord"] != gegevens["wachtwoord_herhalen"]
        ):
            self.add_error("wachtwoord_herhalen", _("De twee wachtwoorden zijn niet gelijk."))
        return gegevens


class AuthenticatorHerstelForm(forms.Form):
    """B11: the account's own password, beside the mailed link, before a new authenticator."""

    wachtwoord = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
