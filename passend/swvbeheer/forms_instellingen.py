"""Forms of the SWV's simple configuration rows (issue 16 item 1): every choice limited to the
administrator's own SWV, and every uniqueness rule checked before saving, so a duplicate name
gets a message beside the form instead of a database error."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from passend.accounts import rollen as rolcodes
from passend.accounts.models import Gebruiker, Schoolcontactpersoon
from passend.bijlagen.models import Bijlageinstellingen, Documenttype
from passend.hulpvragen.models import Label
from passend.organisaties.models import School
from passend.overlegrondes.models import Overlegrondeinstellingen


class InstellingForm(forms.ModelForm[Any]):
    def __init__(self, *args: Any, swv_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.swv_id = swv_id
        # Set before validation, so the model's own checks know the SWV.
        if hasattr(self.instance, "swv_id") and self.instance._state.adding:
            self.instance.swv_id = swv_id

    def validate_unique(self) -> None:
        # A ModelForm skips the constraints on fields it does not show (the SWV): check them all.
        super().validate_unique()
        model = type(self.instance)
        for regel in model._meta.constraints:
            if not isinstance(regel, models.UniqueConstraint):
                continue
            try:
                regel.validate(model, self.instance)
            except ValidationError:
                getoond = [veld for veld in regel.fields if veld in self.fields]
                veld = getoond[0] if getoond else None
                label = self.fields[veld].label if veld else ""
                self.add_error(
                    veld,
                    _("Er is al een %(soort)s met deze %(veld)s.")
                    % {"soort": model._meta.verbose_name, "veld": str(label).lower()},
                )


class LabelForm(InstellingForm):
    class Meta:
        model = Label
        fields = ["naam"]


class DocumenttypeForm(InstellingForm):
    class Meta:
        model = Documenttype
        fields = ["naam", "code", "volgorde", "actief"]
        help_texts = {
            "code": _("Kleine letters, cijfers en streepjes; overgangen en de API gebruiken hem."),
            "actief": _(
                "Een soort die niet meer actief is, kan niet meer worden gekozen; bijlagen die "
                "hem hebben, houden hem."
            ),
        }


class SchoolcontactpersoonForm(InstellingForm):
    class Meta:
        model = Schoolcontactpersoon
        fields = ["school", "gebruiker"]

    def __init__(self, *args: Any, swv_id: int, **kwargs: Any) -> None:
        super().__init__(*args, swv_id=swv_id, **kwargs)
        self.fields["school"].queryset = School.objects.filter(  # type: ignore[attr-defined]
            swv=swv_id, gesloten_op__isnull=True
        ).order_by("naam")
        self.fields["gebruiker"].queryset = (  # type: ignore[attr-defined]
            Gebruiker.objects.filter(
                swv=swv_id, is_active=True, rollen__code=rolcodes.SCHOOLCONTACTPERSOON
            )
            .distinct()
            .order_by("achternaam", "voornaam")
        )
        self.fields["gebruiker"].label_from_instance = (  # type: ignore[attr-defined]
            lambda gebruiker: gebruiker.volledige_naam
        )


class BijlageinstellingenForm(InstellingForm):
    class Meta:
        model = Bijlageinstellingen
        fields = ["max_bijlage_mb"]


class OverlegrondeinstellingenForm(InstellingForm):
    class Meta:
        model = Overlegrondeinstellingen
        fields = ["deactiveren_na_dagen"]
