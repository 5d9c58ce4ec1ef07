import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from passend.core.normalize import normaliseer_tekst
from passend.core.tijd import VROEGSTE_DATUM

__all__ = [
    "VROEGSTE_DATUM",
    "DatumField",
    "NaamField",
    "TekstKeuzeField",
    "fouten_naar_form",
]


class NaamField(forms.CharField):
    """A name or a search text: normalised as it is read (`normaliseer_tekst`), so "Öz­türk"
    typed with a soft hyphen is stored, found and compared as "Öztürk". A form shown again
    shows what was typed."""

    def to_python(self, value: Any) -> Any:
        tekst = super().to_python(value)
        return normaliseer_tekst(tekst) if isinstance(tekst, str) and tekst else tekst


class TekstKeuzeField(NaamField):
    """Text typed, or picked from a <datalist> of suggestions, that must name exactly one object.

    Used where the manual lets a person find something by typing a few letters (the
    organisation on the login page, the school in Schoolgegevens). The widget needs no script.
    """

    def __init__(
        self,
        *,
        zoeken: Callable[[str], Sequence[Any]],
        datalist_id: str,
        niet_gevonden: StrOrPromise,
        meerdere: StrOrPromise,
        **kwargs: Any,
    ) -> None:
        self.zoeken = zoeken
        self.niet_gevonden = niet_gevonden
        self.meerdere = meerdere
        super().__init__(max_length=250, **kwargs)
        self.widget.attrs.update(
            {"list": datalist_id, "autocomplete": "off", "spellcheck": "false"}
        )

    def clean(self, value: Any) -> Any:
        tekst = super().clean(value)
        if not tekst and not self.required:
            return None
        gevonden = self.zoeken(tekst)
        if not gevonden:
            raise forms.ValidationError(
                self.niet_gevonden, params={"tekst": tekst}, code="onbekend"
            )
        if len(gevonden) > 1:
            raise forms.ValidationError(self.meerdere, params={"tekst": tekst}, code="meerdere")
        return gevonden[0]

    def prepare_value(self, value: Any) -> Any:
        # A bound form re-shows what was typed; an initial object shows as its label.
        return value if isinstance(value, str) or value is None else str(value)


# What a date looks like when typed in one of the accepted forms, whether or not it exists.
_DATUMVORM = re.compile(r"^\s*(\d{1,2}[-/]\d{1,2}[-/]\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*$")


class DatumField(forms.DateField):
    """A date typed as dd-mm-jjjj, as Dutch users write it, within a range that makes sense.

    `vroegst`: the first date allowed (a date, or a function giving one). `tot_vandaag`: no
    date after today in Amsterdam. A date that is well-formed but does not exist (31-02-2016)
    is told apart from one in the wrong format.
    """

    default_error_messages = {
        "required": _("Vul de datum in als dd-mm-jjjj, bijvoorbeeld 03-09-2016."),
        "invalid": _("Vul de datum in als dd-mm-jjjj, bijvoorbeeld 03-09-2016."),
        "bestaat_niet": _("De datum %(tekst)s bestaat niet. Controleer de dag en de maand."),
        "te_vroeg": _("Kies een datum vanaf %(vroegst)s."),
        "in_toekomst": _("Deze datum ligt in de toekomst. Kies vandaag of een eerdere datum."),
    }

    def __init__(
        self,
        *,
        vroegst: date | Callable[[], date] | None = None,
        tot_vandaag: bool = False,
        **kwargs: Any,
    ) -> None:
        self.vroegst = vroegst
        self.tot_vandaag = tot_vandaag
        super().__init__(
            input_formats=["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"],
            widget=forms.DateInput(
                format="%d-%m-%Y", attrs={"placeholder": "dd-mm-jjjj", "inputmode": "numeric"}
            ),
            **kwargs,
        )

    def to_python(self, value: Any) -> date | None:
        try:
            return super().to_python(value)
        except ValidationError:
            if isinstance(value, str) and _DATUMVORM.match(value):
                raise ValidationError(
                    self.error_messages["bestaat_niet"],
                    code="bestaat_niet",
                    params={"tekst": value.strip()},
                ) from None
            raise

    def validate(self, value: Any) -> None:
        super().validate(value)
        if not isinstance(value, date):
            return
        vroegst = self.vroegst() if callable(self.vroegst) else self.vroegst
        if vroegst is not None and value < vroegst:
            raise ValidationError(
                self.error_messages["te_vroeg"],
                code="te_vroeg",
                params={"vroegst": vroegst.strftime("%d-%m-%Y")},
            )
        if self.tot_vandaag and value > timezone.localdate():
            raise ValidationError(self.error_messages["in_toekomst"], code="in_toekomst")


def fouten_naar_form(form: forms.BaseForm, fout: ValidationError) -> None:
    """A service's refusal beside its field, or above the form when it names none of the
    form's fields; what was typed stays (ARCHITECTURE.md rule 8)."""
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout)
