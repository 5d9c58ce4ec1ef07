"""The Managementoverzicht's summary as its definition says, computed here in Python from the
hulpvraag and its Statushistorie, to compare with what the services wrote (issue 20 item 3)."""

from typing import Any

from passend.hulpvragen.models import Hulpvraag, Hulpvraagverloop, Statuswijziging

VELDEN = (
    "swv_id",
    "titel_id",
    "status_id",
    "status_zichtbaar_voor_swv",
    "schoolgegevens_id",
    "school_id",
    "hulpvraagdatum",
    "eerst_zichtbaar",
    "eerst_afgerond",
)


def verwacht(hulpvraag: Hulpvraag) -> dict[str, Any]:
    """The first moment in a status the SWV sees; the first final status at or after it."""
    stappen = list(Statuswijziging.objects.filter(hulpvraag=hulpvraag).select_related("naar"))
    begin = min((w.op for w in stappen if w.naar.zichtbaar_voor_swv), default=None)
    einde = None
    if begin is not None:
        einde = min((w.op for w in stappen if w.naar.eindstatus and w.op >= begin), default=None)
    return {
        "swv_id": hulpvraag.swv_id,
        "titel_id": hulpvraag.titel_id,
        "status_id": hulpvraag.status_id,
        "status_zichtbaar_voor_swv": hulpvraag.status.zichtbaar_voor_swv,
        "schoolgegevens_id": hulpvraag.schoolgegevens_id,
        "school_id": hulpvraag.schoolgegevens.school_id,
        "hulpvraagdatum": hulpvraag.hulpvraagdatum,
        "eerst_zichtbaar": begin,
        "eerst_afgerond": einde,
    }


def geschreven(hulpvraag: Hulpvraag) -> dict[str, Any]:
    rij = Hulpvraagverloop.objects.get(hulpvraag=hulpvraag)
    return {veld: getattr(rij, veld) for veld in VELDEN}


def verloop_klopt() -> int:
    """Every hulpvraag has its summary, equal to the definition; returns how many."""
    hulpvragen = list(Hulpvraag.objects.select_related("schoolgegevens", "status"))
    assert Hulpvraagverloop.objects.count() == len(hulpvragen)
    for hulpvraag in hulpvragen:
        assert geschreven(hulpvraag) == verwacht(hulpvraag), hulpvraag.referentie
    return len(hulpvragen)
