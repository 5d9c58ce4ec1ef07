from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django_stubs_ext import StrOrPromise

from passend.core.normalize import normaliseer_tekst


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


class DatumField(forms.DateField):
    """A date typed as dd-mm-jjjj, as Dutch users write it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "error_messages",
            {"invalid": "Vul de datum in als dd-mm-jjjj, bijvoorbeeld 03-09-2016."},
        )
        super().__init__(
            input_formats=["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"],
            widget=forms.DateInput(
                format="%d-%m-%Y", attrs={"placeholder": "dd-mm-jjjj", "inputmode": "numeric"}
            ),
            **kwargs,
        )
