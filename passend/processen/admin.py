from typing import Any, cast

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest

from passend.accounts.models import Rol
from passend.processen.models import Hulpvraagtitel, Proces, Status, Statusovergang
from passend.processen.voorwaarden import keuzes as voorwaarde_keuzes

PRESET_WAARSCHUWING = (
    "Deze configuratie kan uit een preset komen (manage.py preset_laden). Wie de preset opnieuw "
    "laadt, zet alles wat de preset noemt terug naar de preset: namen, vlaggen, instructieteksten, "
    "rollen, regio's. Wat u hier toevoegt en niet in de preset staat, blijft staan."
)


def _keuzes_beperken(form: Any, veld: str, keuzes: models.QuerySet[Any]) -> None:
    """Limits a model choice field of a form class (a fresh class per request) to `keuzes`."""
    cast(forms.ModelChoiceField[Any], form.base_fields[veld]).queryset = keuzes


class StatusInline(admin.TabularInline[Status, Proces]):
    model = Status
    extra = 0
    fields = [
        "naam",
        "code",
        "volgorde",
        "zichtbaar_voor_swv",
        "school_moet_actie_ondernemen",
        "eindstatus",
        "reden_verplicht",
        "telt_als_thuiszitter",
        "instructie",
    ]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})},
    }


class StatusovergangForm(forms.ModelForm[Statusovergang]):
    # The conditions the apps registered, as checkboxes instead of JSON to type.
    voorwaarden = forms.MultipleChoiceField(
        label="Voorwaarden",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=voorwaarde_keuzes,  # per SWV in the inline's get_formset
    )

    class Meta:
        model = Statusovergang
        fields = ["van", "naar", "rollen", "voorwaarden"]


class StatusovergangInline(admin.TabularInline[Statusovergang, Proces]):
    model = Statusovergang
    form = StatusovergangForm
    extra = 0
    fields = ["van", "naar", "rollen", "voorwaarden"]
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }

    def voorwaarden_swv(self, request: HttpRequest, obj: Any) -> int | None:
        """Whose forms and kinds of document the conditions may name."""
        return obj.swv_id if obj else None

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        keuzes = voorwaarde_keuzes(self.voorwaarden_swv(request, obj))

        class FormMetKeuzes(formset.form):  # type: ignore[misc,name-defined]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                # A condition no longer offered stays visible (and can be unticked).
                bekend = {code for code, _label in keuzes}
                huidig = [(c, c) for c in self.instance.voorwaarden or [] if c not in bekend]
                self.fields["voorwaarden"].choices = [*keuzes, *huidig]  # type: ignore[attr-defined]

        formset.form = FormMetKeuzes
        # Only this process's statuses; a new process gets its statuses saved first.
        statussen = Status.objects.filter(proces=obj) if obj else Status.objects.none()
        _keuzes_beperken(formset.form, "van", statussen)
        _keuzes_beperken(formset.form, "naar", statussen)
        # External participants and parents never change a status.
        _keuzes_beperken(formset.form, "rollen", Rol.objects.exclude(kant=Rol.Kant.EXTERN))
        return formset


@admin.register(Proces)
class ProcesAdmin(admin.ModelAdmin[Proces]):
    list_display = ["naam", "code", "swv"]
    list_filter = ["swv"]
    search_fields = ["naam", "code"]
    fieldsets = [(None, {"fields": ["swv", "code", "naam"], "description": PRESET_WAARSCHUWING})]
    inlines = [StatusInline, StatusovergangInline]


class HulpvraagtitelForm(forms.ModelForm[Hulpvraagtitel]):
    class Meta:
        model = Hulpvraagtitel
        fields = [
            "swv",
            "naam",
            "code",
            "proces",
            "beginstatus",
            "coordinatortoewijzing",
            "actief",
            "volgorde",
            "alleen_voor_regios",
            "niet_voor_regios",
            "alternatief",
        ]

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        swv = gegevens.get("swv")
        alleen = set(gegevens.get("alleen_voor_regios") or [])
        niet = set(gegevens.get("niet_voor_regios") or [])
        fouten: dict[str, str] = {}
        if swv is not None:
            for veld, regios in (("alleen_voor_regios", alleen), ("niet_voor_regios", niet)):
                if any(regio.swv_id != swv.pk for regio in regios):
                    fouten[veld] = "Kies alleen regio's van dit samenwerkingsverband."
            alternatief = gegevens.get("alternatief")
            if alternatief is not None and alternatief.swv_id != swv.pk:
                fouten["alternatief"] = "Kies een titel van dit samenwerkingsverband."
        if alleen & niet:
            namen = ", ".join(sorted(regio.naam for regio in alleen & niet))
            fouten["niet_voor_regios"] = f"Staat ook bij ‘alleen voor regio's’: {namen}."
        alternatief = gegevens.get("alternatief")
        if alternatief is not None and self.instance.pk and alternatief.pk == self.instance.pk:
            fouten["alternatief"] = "Een titel kan niet zijn eigen alternatief zijn."
        if fouten:
            raise ValidationError(fouten)
        return gegevens


@admin.register(Hulpvraagtitel)
class HulpvraagtitelAdmin(admin.ModelAdmin[Hulpvraagtitel]):
    form = HulpvraagtitelForm
    list_display = [
        "naam",
        "swv",
        "proces",
        "beginstatus",
        "coordinatortoewijzing",
        "actief",
        "volgorde",
    ]
    list_filter = ["swv", "actief", "coordinatortoewijzing"]
    search_fields = ["naam"]
    list_select_related = ["swv", "proces", "beginstatus"]
    filter_horizontal = ["alleen_voor_regios", "niet_voor_regios"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "swv",
                    "naam",
                    "code",
                    "proces",
                    "beginstatus",
                    "coordinatortoewijzing",
                    "actief",
                    "volgorde",
                ],
                "description": PRESET_WAARSCHUWING
                + " Uitzondering: ‘actief’ laat de preset staan.",
            },
        ),
        ("Regio's", {"fields": ["alleen_voor_regios", "niet_voor_regios", "alternatief"]}),
    ]

    def get_form(
        self,
        request: HttpRequest,
        obj: Hulpvraagtitel | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            # Choices from this title's SWV only; a new title is checked by clean().
            _keuzes_beperken(form, "proces", Proces.objects.filter(swv=obj.swv_id))
            _keuzes_beperken(
                form,
                "beginstatus",
                Status.objects.filter(proces__swv=obj.swv_id).select_related("proces"),
            )
            for veld in ("alleen_voor_regios", "niet_voor_regios"):
                _keuzes_beperken(form, veld, obj.swv.regios.all())
            _keuzes_beperken(
                form,
                "alternatief",
                Hulpvraagtitel.objects.filter(swv=obj.swv_id).exclude(pk=obj.pk),
            )
        return form
