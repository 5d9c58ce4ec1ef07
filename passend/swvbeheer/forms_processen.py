"""Forms of SWV-beheer's process screens (issue 16 item 6): choices from the administrator's own
SWV and process only; the rules themselves are in processen.services."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker, Rol
from passend.core.forms import NaamField
from passend.organisaties.models import Regio
from passend.processen.models import Hulpvraagtitel, Proces, Status
from passend.processen.voorwaarden import keuzes as voorwaarde_keuzes

CODE_HULP = _(
    "Vaste sleutel voor presets, koppelingen en de API: kleine letters, cijfers en _. Leeg: "
    "gemaakt uit de naam. Later niet meer te wijzigen."
)


def _keuzeveld(form: forms.Form, veld: str) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return cast(forms.ModelChoiceField, form.fields[veld])  # type: ignore[type-arg]


class _StatusKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.volgorde} – {obj.naam}"


class _BeginstatusKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.proces.naam}: {obj.naam}"


class ProcesForm(forms.Form):
    naam = NaamField(label=_("Naam"), max_length=100)
    code = forms.SlugField(label=_("Code"), max_length=50, required=False, help_text=CODE_HULP)
    behandelende_rol = forms.ModelChoiceField(
        label=_("Behandelende functie"),
        queryset=Rol.objects.filter(kant=Rol.Kant.SWV).order_by("naam"),
        required=False,
        empty_label=_("Geen: de coördinator"),
        help_text=_(
            "De functie binnen het samenwerkingsverband die hulpvragen van dit proces zonder "
            "coördinator oppakt (bijvoorbeeld de TLV-administratie voor TLV's)."
        ),
    )

    def __init__(self, *args: Any, nieuw: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not nieuw:
            del self.fields["code"]


class StatusForm(forms.Form):
    """R19-R21: a status's name, number and flags, and the instruction text of its mail."""

    naam = NaamField(label=_("Naam"), max_length=100)
    code = forms.SlugField(label=_("Code"), max_length=60, required=False, help_text=CODE_HULP)
    volgorde = forms.IntegerField(
        label=_("Nummer (volgorde)"),
        min_value=0,
        max_value=32767,
        help_text=_("Hoe ver het proces is; lager komt eerder."),
    )
    zichtbaar_voor_swv = forms.BooleanField(
        label=_("Zichtbaar voor het samenwerkingsverband"),
        required=False,
        help_text=_(
            "Uit voor een status waarin de school de hulpvraag nog voorbereidt; alleen "
            "applicatiebeheerders van het SWV zien hem dan."
        ),
    )
    school_moet_actie_ondernemen = forms.BooleanField(
        label=_("De school moet actie ondernemen"), required=False
    )
    eindstatus = forms.BooleanField(label=_("Eindstatus"), required=False)
    reden_verplicht = forms.BooleanField(
        label=_("Reden verplicht bij het kiezen van deze status"), required=False
    )
    telt_als_thuiszitter = forms.BooleanField(
        label=_("Telt als thuiszitter (Managementoverzicht)"), required=False
    )
    instructie = forms.CharField(
        label=_("Instructie voor de school"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Staat in de e-mail bij deze statuswijziging en op de hulpvraag. Noem geen leerling."
        ),
    )

    def __init__(self, *args: Any, nieuw: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not nieuw:
            del self.fields["code"]


class NieuweStatusForm(StatusForm):
    """A new status comes with the transition to it (and on from it), so the process stays
    whole: every status reachable, an eindstatus reachable from each."""

    komt_na = _StatusKeuze(
        label=_("Komt na status"),
        queryset=Status.objects.none(),
        required=False,
        empty_label=_("Geen (de eerste status van het proces)"),
        help_text=_("Een overgang van die status naar de nieuwe."),
    )
    gaat_naar = _StatusKeuze(
        label=_("Gaat daarna naar status"),
        queryset=Status.objects.none(),
        required=False,
        empty_label=_("Nog niet (alleen voor een eindstatus)"),
        help_text=_("Een overgang van de nieuwe status naar die status."),
    )
    rollen = forms.ModelMultipleChoiceField(
        label=_("Wie mag deze overgangen maken"),
        queryset=Rol.objects.exclude(kant=Rol.Kant.EXTERN).order_by("kant", "naam"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, proces: Proces, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statussen = proces.statussen.order_by("volgorde", "naam")
        _keuzeveld(self, "komt_na").queryset = statussen
        _keuzeveld(self, "gaat_naar").queryset = statussen


class OvergangForm(forms.Form):
    """R20, B3: from, to, who may make it and under which conditions."""

    van = _StatusKeuze(label=_("Van status"), queryset=Status.objects.none())
    naar = _StatusKeuze(label=_("Naar status"), queryset=Status.objects.none())
    rollen = forms.ModelMultipleChoiceField(
        label=_("Wie mag deze overgang maken"),
        queryset=Rol.objects.exclude(kant=Rol.Kant.EXTERN).order_by("kant", "naam"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Externe deelnemers en ouders wijzigen geen status."),
    )
    voorwaarden = forms.MultipleChoiceField(
        label=_("Voorwaarden"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wat moet gelden voordat deze overgang gekozen kan worden."),
    )

    def __init__(self, *args: Any, proces: Proces, huidig: list[str] | None = None, **kwargs: Any):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        statussen = proces.statussen.order_by("volgorde", "naam")
        _keuzeveld(self, "van").queryset = statussen
        _keuzeveld(self, "naar").queryset = statussen
        keuzes = [(code, str(label)) for code, label in voorwaarde_keuzes(proces.swv_id)]
        bekend = {code for code, _label in keuzes}
        # A condition no longer offered stays visible (and can be unticked).
        keuzes += [(code, code) for code in huidig or [] if code not in bekend]
        cast(forms.MultipleChoiceField, self.fields["voorwaarden"]).choices = keuzes


class TitelForm(forms.Form):
    """R16, R29-R31: a title, its process and beginstatus, where it may be used."""

    naam = NaamField(label=_("Naam"), max_length=150)
    code = forms.SlugField(label=_("Code"), max_length=60, required=False, help_text=CODE_HULP)
    proces = forms.ModelChoiceField(label=_("Proces"), queryset=Proces.objects.none())
    beginstatus = _BeginstatusKeuze(
        label=_("Beginstatus"),
        queryset=Status.objects.none(),
        help_text=_("De status waarin een nieuwe hulpvraag met deze titel begint."),
    )
    alleen_voor_regios = forms.ModelMultipleChoiceField(
        label=_("Alleen voor regio's"),
        queryset=Regio.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leeg: voor scholen uit elke regio."),
    )
    niet_voor_regios = forms.ModelMultipleChoiceField(
        label=_("Niet voor regio's"),
        queryset=Regio.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    alternatief = forms.ModelChoiceField(
        label=_("Alternatief"),
        queryset=Hulpvraagtitel.objects.none(),
        required=False,
        empty_label=_("Geen"),
        help_text=_("De titel die een school gebruikt waar deze niet mag; de melding noemt hem."),
    )
    coordinatortoewijzing = forms.ChoiceField(
        label=_("Coördinator automatisch"), choices=Hulpvraagtitel.Coordinatortoewijzing.choices
    )
    volgorde = forms.IntegerField(label=_("Volgorde in de lijst"), min_value=0, max_value=32767)
    actief = forms.BooleanField(
        label=_("Actief: scholen kunnen deze titel kiezen"),
        required=False,
        help_text=_("Uit: niet meer te kiezen; hulpvragen met deze titel houden hem."),
    )

    def __init__(
        self,
        *args: Any,
        door: Gebruiker,
        titel: Hulpvraagtitel | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _keuzeveld(self, "proces").queryset = Proces.objects.filter(swv=door.swv_id).order_by(
            "naam"
        )
        _keuzeveld(self, "beginstatus").queryset = (
            Status.objects.filter(proces__swv=door.swv_id)
            .select_related("proces")
            .order_by("proces__naam", "volgorde", "naam")
        )
        regios = Regio.objects.filter(swv=door.swv_id).order_by("naam")
        for veld in ("alleen_voor_regios", "niet_voor_regios"):
            cast(forms.ModelMultipleChoiceField, self.fields[veld]).queryset = regios  # type: ignore[type-arg]
        andere = Hulpvraagtitel.objects.filter(swv=door.swv_id).order_by("naam")
        if titel is not None:
            andere = andere.exclude(pk=titel.pk)
            del self.fields["code"]
        _keuzeveld(self, "alternatief").queryset = andere

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        proces, beginstatus = gegevens.get("proces"), gegevens.get("beginstatus")
        if proces is not None and beginstatus is not None and beginstatus.proces_id != proces.pk:
            self.add_error("beginstatus", _("Kies een status van het gekozen proces."))
        return gegevens
