"""Forms of SWV-beheer's form-definition and outbox screens (issue 16 item 1): choices from the
administrator's own SWV only; a definition's questions as YAML, checked whole."""

from typing import Any, cast

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from passend.formulieren.definitie import DefinitieFout, definitie_lezen
from passend.formulieren.models import Formulierdefinitie
from passend.notificaties.models import Bericht
from passend.processen.models import Hulpvraagtitel, Status

# What a new definition starts with: one section with one question, so the shape is visible.
NIEUWE_VRAGEN = """secties:
  - titel: Aanvraag
    vragen:
      - code: toelichting
        soort: lange_tekst
        vraag: Toelichting
"""


class _StatusKeuzes(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.proces.naam}: {obj.naam}"


class FormulierdefinitieBeheerForm(forms.ModelForm[Formulierdefinitie]):
    """Issue 12 item 8: the questions as the preset writes them (YAML), so what an administrator
    edits reads as the preset's documentation describes it; checked whole on save. The
    statuses and titles to choose from are the own SWV's; the view sets the instance's SWV."""

    vragen = forms.CharField(
        label=_("Vragen"),
        widget=forms.Textarea(attrs={"rows": 30, "cols": 90, "spellcheck": "false"}),
        help_text=_(
            "Secties met vragen, in de vorm van de preset (zie passend/formulieren/"
            "definitie.py). Opslaan maakt een nieuwe versie; formulieren die al zijn begonnen, "
            "houden hun versie."
        ),
        strip=False,
    )

    class Meta:
        model = Formulierdefinitie
        fields = ["naam", "code", "koppelen_bij", "alleen_voor_titels"]
        field_classes = {"koppelen_bij": _StatusKeuzes}
        widgets = {
            "koppelen_bij": forms.CheckboxSelectMultiple,
            "alleen_voor_titels": forms.CheckboxSelectMultiple,
        }
        labels = {"naam": _("Naam"), "code": _("Code")}
        help_texts = {
            "code": _(
                "Vaste sleutel voor presets en voorwaarden van statusovergangen: kleine letters, "
                "cijfers, - en _."
            )
        }

    def __init__(self, *args: Any, swv_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.swv_id = swv_id
        # Set before validation, so the model's own checks know the SWV.
        self.instance.swv_id = swv_id
        statussen = cast(forms.ModelMultipleChoiceField, self.fields["koppelen_bij"])  # type: ignore[type-arg]
        statussen.queryset = (
            Status.objects.filter(proces__swv=swv_id)
            .select_related("proces")
            .order_by("proces__naam", "volgorde", "naam")
        )
        titels = cast(forms.ModelMultipleChoiceField, self.fields["alleen_voor_titels"])  # type: ignore[type-arg]
        titels.queryset = Hulpvraagtitel.objects.filter(swv=swv_id).order_by("volgorde", "naam")
        versie = self.instance.huidige_versie() if self.instance.pk else None
        self.fields["vragen"].initial = (
            yaml.safe_dump(versie.inhoud, allow_unicode=True, sort_keys=False, width=90)
            if versie is not None
            else NIEUWE_VRAGEN
        )

    def clean_code(self) -> str:
        code = cast(str, self.cleaned_data["code"])
        andere = Formulierdefinitie.objects.filter(swv=self.swv_id, code=code)
        if self.instance.pk:
            andere = andere.exclude(pk=self.instance.pk)
        if andere.exists():
            raise forms.ValidationError(_("Er is al een formulier met deze code."))
        return code

    def clean_vragen(self) -> dict[str, Any]:
        try:
            inhoud = yaml.safe_load(self.cleaned_data["vragen"])
        except yaml.YAMLError as fout:
            raise forms.ValidationError(
                _("Dit is geen geldige YAML: %(fout)s"), params={"fout": fout}
            ) from fout
        try:
            definitie_lezen(inhoud)
        except DefinitieFout as fout:
            raise forms.ValidationError(fout.fouten) from fout
        return cast(dict[str, Any], inhoud)


class BerichtFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle")), *Bericht.Status.choices],
        required=False,
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {"status": self.cleaned_data["status"]}
