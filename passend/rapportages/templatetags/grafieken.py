from collections.abc import Sequence

from django import template
from django.utils.safestring import SafeString

from passend.rapportages import grafieken
from passend.rapportages.selectors import Staaf

register = template.Library()


@register.simple_tag
def staafdiagram(
    staven: Sequence[Staaf], sleutel: str, titel: str, beschrijving: str
) -> SafeString:
    return grafieken.staafdiagram(staven, sleutel=sleutel, titel=titel, beschrijving=beschrijving)


@register.simple_tag
def tabelrijen(staven: Sequence[Staaf]) -> SafeString:
    return grafieken.tabelrijen(staven)


@register.filter
def getal(waarde: float | None) -> str:
    return "–" if waarde is None else grafieken.getal(waarde)
