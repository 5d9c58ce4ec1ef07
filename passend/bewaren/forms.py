from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.bewaren.models import VANAF, Bewaartermijn, Eenheid, Soort
from passend.core.forms import NaamField


class TermijnenForm(forms.Form):
    """Per kind a number and a unit; and whether removal waits for a reviewed dry run."""

    alleen_na_beoordeelde_proefronde = forms.BooleanField(
        label=_("Verwijderen alleen na beoordeelde proefronde"),
        required=False,
        help_text=_(
            "Aan: de periodieke ronde verwijdert alleen wat in een beoordeelde proefronde stond."
        ),
    )

    def __init__(self, *args: Any, termijnen: dict[str, Bewaartermijn], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: dict[str, forms.Field] = {}
        for soort in Soort:
            termijn = termijnen[soort.value]
            velden[f"{soort.value}_aantal"] = forms.IntegerField(
                label=soort.label,
                min_value=1,
                max_value=600,
                initial=termijn.aantal,
                help_text=VANAF[soort],
                error_messages={
                    "required": _("Vul een termijn in."),
                    "invalid": _("Vul een heel getal in."),
                    "min_value": _("Een termijn is minstens 1."),
                    "max_value": _("Een termijn is hoogstens 600."),
                },
            )
            velden[f"{soort.value}_eenheid"] = forms.ChoiceField(
                label=_("Eenheid (%(soort)s)") % {"soort": soort.label},
                choices=Eenheid.choices,
                initial=termijn.eenheid,
            )
        velden["alleen_na_beoordeelde_proefronde"] = self.fields.pop(
            "alleen_na_beoordeelde_proefronde"
        )
        self.fields.update(velden)

    def termijnen_per_soort(self) -> dict[str, tuple[int, str]]:
        return {
            soort: (self.cleaned_data[f"{soort}_aantal"], self.cleaned_data[f"{soort}_eenheid"])
            for soort in Soort.values
        }


class BewaarplichtForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld een lopende bezwaarprocedure of een verzoek van de rechter."),
        error_messages={"required": _("Vul de reden van de bewaarplicht in.")},
    )


class LeerlingZoekForm(forms.Form):
    naam = NaamField(label=_("Zoek een leerling op naam"), max_length=100)
