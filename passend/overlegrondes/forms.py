from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.bijlagen.models import Bijlage
from passend.core.forms import DatumField, NaamField


def _vandaag() -> date:
    return timezone.localdate()


class _Datums(forms.Form):
    einddatum_reacties = DatumField(
        label=_("Einddatum reacties"),
        vroegst=_vandaag,
        help_text=_("Tot en met deze dag kunnen deelnemers reageren (dd-mm-jjjj)."),
    )
    einddatum_inzage = DatumField(
        label=_("Einddatum inzage"),
        vroegst=_vandaag,
        help_text=_(
            "Tot en met deze dag zien deelnemers de overlegronde; niet later dan nodig, en "
            "minstens een week na de einddatum reacties."
        ),
    )


class OverlegrondeForm(_Datums):
    """R36: the round itself; participants are chosen beside it (views.py)."""

    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200)
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Noem de leerling niet: alle deelnemers lezen dit."),
    )
    gedeelde_bijlagen = forms.ModelMultipleChoiceField(
        label=_("Bijlagen delen met de deelnemers"),
        queryset=Bijlage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen deze bijlagen van de hulpvraag zien de deelnemers."),
    )
    naam_toch_opslaan = forms.BooleanField(
        label=_("De naam of geboortedatum staat er met reden; toch opslaan"), required=False
    )

    field_order = [
        "onderwerp",
        "omschrijving",
        "einddatum_reacties",
        "einddatum_inzage",
        "gedeelde_bijlagen",
    ]

    def __init__(self, *args: Any, bijlagen: Any, naam_vragen: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        veld = self.fields["gedeelde_bijlagen"]
        veld.queryset = bijlagen  # type: ignore[attr-defined]
        veld.label_from_instance = lambda bijlage: bijlage.bestandsnaam  # type: ignore[attr-defined]
        if not bijlagen.exists():
            del self.fields["gedeelde_bijlagen"]
        if not naam_vragen:
            del self.fields["naam_toch_opslaan"]


class NieuweGebruikerForm(forms.Form):
    """R37 "Nieuwe gebruiker": checked when "Toevoegen" is pressed; all fields are required
    then, none when the round is saved."""

    voornaam = NaamField(label=_("Voornaam"), max_length=100, required=False)
    achternaam = NaamField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.CharField(
        label=_("E-mailadres"),
        max_length=254,
        required=False,
        help_text=_("Bij voorkeur een zakelijk e-mailadres."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    specialisme = forms.CharField(
        label=_("Specialisme"),
        max_length=100,
        required=False,
        help_text=_(
            "Bijvoorbeeld ‘logopedist’. Geen verwijzing naar de leerling: andere gebruikers "
            "zien het specialisme."
        ),
    )


class DatumsForm(_Datums):
    """R40: extending (or shortening) a round by its dates."""


class ReactieForm(forms.Form):
    tekst = forms.CharField(label=_("Reactie"), widget=forms.Textarea(attrs={"rows": 4}))
    bestand = forms.FileField(
        label=_("Bijlage (niet verplicht)"),
        required=False,
        help_text=_("PDF, Word, Excel, afbeelding of tekst; gecontroleerd als elke bijlage."),
    )


class HulpvraagKiezenForm(forms.Form):
    hulpvraag = forms.ChoiceField(label=_("Hulpvraag"))

    def __init__(self, *args: Any, keuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hulpvraag"].choices = [("", _("Kies een hulpvraag")), *keuzes]  # type: ignore[attr-defined]
