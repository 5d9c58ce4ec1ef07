from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.core.forms import VROEGSTE_DATUM, DatumField
from passend.organisaties.models import Regio


class PeriodeForm(forms.Form):
    """The filter of the Managementoverzicht, as GET parameters: a bookmarkable page."""

    van = DatumField(
        label=_("Hulpvraagdatum vanaf"), required=False, vroegst=VROEGSTE_DATUM, tot_vandaag=True
    )
    tot = DatumField(
        label=_("Hulpvraagdatum tot en met"),
        required=False,
        vroegst=VROEGSTE_DATUM,
        tot_vandaag=True,
    )
    regio = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Regio.objects.none(),
        required=False,
        empty_label=_("Alle regio's"),
    )

    def __init__(self, *args: Any, regios: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regio"].queryset = regios  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        gegevens = super().clean() or {}
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", _("Deze datum ligt vóór de datum ‘vanaf’."))
        return gegevens
