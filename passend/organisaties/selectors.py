from django.db.models import Q, QuerySet

from passend.organisaties.models import Samenwerkingsverband


def samenwerkingsverbanden() -> QuerySet[Samenwerkingsverband]:
    """All SWVs, for the public organisation list on the login page (Kindkans shows it too)."""
    return Samenwerkingsverband.objects.order_by("code")


def samenwerkingsverbanden_zoeken(tekst: str) -> list[Samenwerkingsverband]:
    """The SWVs that the text typed at "Organisatie" means.

    The login page offers "PO2806 PPO Rotterdam"; a person may also type just the code or a part
    of the name ("PPO"). An exact label or code wins; otherwise every SWV whose code or name
    contains the text.
    """
    tekst = " ".join(tekst.split())
    if not tekst:
        return []
    alle = samenwerkingsverbanden()
    for swv in alle:
        if tekst.casefold() in {str(swv).casefold(), swv.code.casefold()}:
            return [swv]
    return list(alle.filter(Q(code__icontains=tekst) | Q(naam__icontains=tekst)))
