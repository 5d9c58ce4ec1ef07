from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.audit.models import Inzage
from passend.core.forms import DatumField

INZAGEN = ""
AANMELDINGEN = "aanmeldingen"
SOORT_KEUZES = [
    (INZAGEN, _("Inzagen en wijzigingen van leerlinggegevens")),
    (AANMELDINGEN, _("Aanmeldingen")),
]
WEB = "web"
KOPPELING = "koppeling"
KANAAL_KEUZES = [
    ("", _("Alle")),
    (WEB, _("Passend (web)")),
    (KOPPELING, _("Koppeling (systeem)")),
]


class ZoekForm(forms.Form):
    """B8: the audit viewer's filters (GET). Every field is optional; an invalid period gets a
    Dutch message beside the field and the form keeps what was typed."""

    soort = forms.ChoiceField(label=_("Soort"), choices=SOORT_KEUZES, required=False)
    leerling = forms.CharField(
        label=_("Leerling"),
        required=False,
        max_length=200,
        help_text=_("Naam of leerlingnummer."),
    )
    gebruiker = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    hulpvraag = forms.CharField(
        label=_("Hulpvraag"),
        required=False,
        max_length=50,
        help_text=_("Referentie, bijvoorbeeld HV-2026-000012."),
    )
    van = DatumField(label=_("Van"), required=False)
    tot = DatumField(label=_("Tot en met"), required=False)
    actie = forms.ChoiceField(
        label=_("Actie"), choices=[("", _("Alle")), *Inzage.Actie.choices], required=False
    )
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=KANAAL_KEUZES, required=False)

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and tot < van:
            self.add_error(
                "tot",
                _("De einddatum ligt voor de begindatum. Kies een datum vanaf %(van)s.")
                % {"van": van.strftime("%d-%m-%Y")},
            )
        return gegevens

    def filters(self) -> dict[str, Any]:
        """The valid filters; nothing when a field is wrong (the page then shows no rows, only
        the message)."""
        if not self.is_valid():
            return {}
        return {
            sleutel: waarde.strip() if isinstance(waarde, str) else waarde
            for sleutel, waarde in self.cleaned_data.items()
            if waarde
        }
