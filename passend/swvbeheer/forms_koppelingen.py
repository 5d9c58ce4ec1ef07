"""Forms of SWV-beheer's koppelingen screens (issue 16 item 1): API clients and the schools
that use them (R8), Esis verification codes (R10), the OSO blocks kept (B7) and the
aanvraagtypen of ParnasSys. Choices come from the administrator's own SWV only; the rules
themselves stay in koppelingen.services."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.accounts.models import Gebruiker
from passend.core.forms import DatumField, NaamField
from passend.koppelingen.models import (
    Aanvraagtype,
    ApiClient,
    Osoinstellingen,
    Schoolkoppeling,
    Verificatiecode,
)
from passend.koppelingen.oso import BIJLAGEN, BLOKKEN
from passend.koppelingen.services import verificatiecode_controleren
from passend.swvbeheer.selectors_koppelingen import (
    scholen_voor_koppeling,
    titels_voor_aanvraagtype,
)


def _keuzeveld(form: forms.BaseForm, veld: str) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return cast(forms.ModelChoiceField, form.fields[veld])  # type: ignore[type-arg]


class ApiClientForm(forms.ModelForm[ApiClient]):
    """Issue 14: a client per supplier. Its kind is chosen once, when it is registered."""

    naam = NaamField(
        label=gettext_lazy("Naam"), max_length=100, help_text=gettext_lazy("Bijvoorbeeld ‘Esis’.")
    )

    class Meta:
        model = ApiClient
        fields = ["naam", "soort", "max_per_minuut"]

    def __init__(self, *args: Any, nieuw: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not nieuw:
            del self.fields["soort"]


class SchoolkoppelingForm(forms.ModelForm[Schoolkoppeling]):
    """R8: a school of the own SWV that uses the client, with the OSO route's mandate and
    routeringskenmerk."""

    sinds = DatumField(label=gettext_lazy("Actief sinds"))

    class Meta:
        model = Schoolkoppeling
        fields = ["school", "mandaat", "routeringskenmerk", "sinds"]

    def __init__(self, *args: Any, door: Gebruiker, client: ApiClient, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.client = client
        _keuzeveld(self, "school").queryset = scholen_voor_koppeling(door)

    def clean_school(self) -> Any:
        school = self.cleaned_data["school"]
        dubbel = Schoolkoppeling.objects.filter(client=self.instance.client, school=school).exclude(
            pk=self.instance.pk
        )
        if school is not None and dubbel.exists():
            raise forms.ValidationError(_("Deze school gebruikt deze koppeling al."))
        return school


class VerificatiecodeForm(forms.ModelForm[Verificatiecode]):
    """R10: the code a school made up in Esis, for a school of the own SWV."""

    code = forms.CharField(
        label=gettext_lazy("Verificatiecode"),
        min_length=1,
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=gettext_lazy(
            "De code die de school in Esis heeft ingevoerd (Beheer > Koppelingen): begint met "
            "de BRIN en vestiging van de school, 20 tot 50 tekens. Passend bewaart hem "
            "versleuteld; hij is hierna niet meer te lezen."
        ),
    )

    class Meta:
        model = Verificatiecode
        fields = ["school", "omgeving"]

    def __init__(self, *args: Any, door: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keuzeveld(self, "school").queryset = scholen_voor_koppeling(door)

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        school, code = gegevens.get("school"), gegevens.get("code")
        if school is not None and code:
            verificatiecode_controleren(school, code)
        return gegevens


class VerificatiecodeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Alle")),
            ("actief", gettext_lazy("Actief")),
            ("gepauzeerd", gettext_lazy("Gepauzeerd")),
        ],
    )


class OsoinstellingenForm(forms.ModelForm[Osoinstellingen]):
    te_bewaren = forms.MultipleChoiceField(
        label=gettext_lazy("Gegevensblokken die bewaard worden"),
        choices=[(BIJLAGEN, gettext_lazy("Bijlagen (de documenten van elk blok)"))]
        + [(blok.naam, blok.titel) for blok in BLOKKEN if not blok.basis],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Wat niet is aangevinkt, laat Passend weg voordat er iets wordt opgeslagen; de school "
            "hoort welke blokken zijn weggelaten. Naam, geboortedatum, adres en school van de "
            "leerling zijn altijd nodig voor de hulpvraag."
        ),
    )

    class Meta:
        model = Osoinstellingen
        fields = ["te_bewaren"]


class AanvraagtypeForm(forms.ModelForm[Aanvraagtype]):
    """Issue 15: the aanvraagtype a school picks in ParnasSys and the SWV's titles it maps to
    (the one of the school's region is used)."""

    class Meta:
        model = Aanvraagtype
        fields = ["code", "titels"]
        widgets = {"titels": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, door: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.swv_id = door.swv_id
        self.fields["code"].help_text = _("Zoals ParnasSys het meestuurt, bijvoorbeeld ‘TLV’.")
        titels = cast(forms.ModelMultipleChoiceField, self.fields["titels"])  # type: ignore[type-arg]
        titels.queryset = titels_voor_aanvraagtype(door)
        titels.help_text = _(
            "De school krijgt de titel die voor haar regio geldt. Kies er minstens één."
        )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        dubbel = Aanvraagtype.objects.filter(swv=self.instance.swv_id, code__iexact=code).exclude(
            pk=self.instance.pk
        )
        if dubbel.exists():
            raise forms.ValidationError(_("Dit aanvraagtype bestaat al."))
        return code
