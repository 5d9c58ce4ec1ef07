from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from passend.bijlagen.models import Documenttype
from passend.bijlagen.services import REDEN_VERPLICHT


class ZoekForm(forms.Form):
    bestandsnaam = forms.CharField(
        label=_("Bestandsnaam"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class MeerdereBestandenInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MeerdereBestandenField(forms.FileField):
    """Several files in one go; each is judged on its own by the service."""

    widget = MeerdereBestandenInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        bestanden = data if isinstance(data, list | tuple) else [data]
        if not bestanden:
            bestanden = [None]  # FileField.clean raises "required"
        return [
            super(MeerdereBestandenField, self).clean(bestand, initial) for bestand in bestanden
        ]


def _documenttype_veld(soorten: QuerySet[Documenttype], *, verplicht: bool) -> forms.Field:
    return forms.ModelChoiceField(
        label=_("Soort document"),
        queryset=soorten,
        to_field_name="code",  # stable in HTML, API and tests; the pk says nothing
        required=verplicht,
        empty_label=_("Kies het soort document"),
        help_text=_("Bijvoorbeeld OPP of deskundigenadvies; sommige statussen vragen erom."),
        error_messages={
            "required": _("Kies het soort document."),
            "invalid_choice": _("Kies een soort document uit de lijst."),
        },
    )


class ToevoegenForm(forms.Form):
    bestanden = MeerdereBestandenField(
        label=_("Bestanden"),
        help_text=_(
            "U kunt meerdere bestanden tegelijk kiezen. PDF heeft de voorkeur; geef bestanden "
            "een naam die zegt wat erin staat, zoals OPP-januari-2026.pdf."
        ),
        error_messages={"required": _("Kies een of meer bestanden.")},
        allow_empty_file=False,
    )

    def __init__(self, *args: Any, soorten: QuerySet[Documenttype], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bestanden"].widget.attrs["multiple"] = True
        if soorten.exists():
            # Left empty, the files wait for their kind instead of being refused: nothing the
            # user uploaded is lost.
            self.fields["documenttype"] = _documenttype_veld(soorten, verplicht=False)


class WachtendForm(forms.Form):
    bestandsnaam = forms.CharField(
        label=_("Bestandsnaam"),
        max_length=255,
        error_messages={"required": _("Vul een bestandsnaam in.")},
    )

    def __init__(
        self, *args: Any, soorten: QuerySet[Documenttype], soort_gekozen: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not soort_gekozen and soorten.exists():
            self.fields["documenttype"] = _documenttype_veld(soorten, verplicht=True)


class VerwijderenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, reden_verplicht: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reden"].required = reden_verplicht
        self.fields["reden"].error_messages["required"] = REDEN_VERPLICHT
        if not reden_verplicht:
            self.fields["reden"].label = _("Reden (niet verplicht)")
