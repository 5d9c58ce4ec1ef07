"""Saving and removing a row of an SWV's configuration from an SWV-beheer screen (issue 16
item 1): one path for every kind (labels, document types, API clients, settings...), so each
change is refused outside the administrator's own SWV and lands in the beheerlog with the
values before and after."""

from datetime import date, datetime
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.swvbeheer.rechten import mag_accounts_beheren

M = TypeVar("M", bound=models.Model)


def _swv_id_van(rij: models.Model) -> int | None:
    """The SWV a row belongs to: its own, or its school's (contact persons, Esis codes)."""
    if hasattr(rij, "swv_id"):
        return rij.swv_id
    school = getattr(rij, "school", None)
    return school.swv_id if school is not None else None


def mag_instelling_beheren(door: Gebruiker, rij: models.Model) -> bool:
    return mag_accounts_beheren(door) and _swv_id_van(rij) == door.swv_id


def _waarde(waarde: Any) -> Any:
    if isinstance(waarde, date | datetime):
        return waarde.isoformat()
    if isinstance(waarde, models.Model):
        return waarde.pk
    return waarde


def stand(rij: models.Model, velden: list[str]) -> dict[str, Any]:
    """What the beheerlog keeps of a row: the named fields as JSON values (a foreign key as its
    id, a many-to-many as its sorted ids). Only edited fields are named, never a secret."""
    uitkomst: dict[str, Any] = {}
    for naam in velden:
        veld = rij._meta.get_field(naam)
        if veld.many_to_many:
            ids = [] if rij._state.adding else getattr(rij, naam).values_list("pk", flat=True)
            uitkomst[naam] = sorted(ids)
        elif veld.is_relation:
            uitkomst[naam] = getattr(rij, f"{naam}_id")
        else:
            uitkomst[naam] = _waarde(getattr(rij, naam))
    return uitkomst


def _modelvelden(form: forms.ModelForm[Any]) -> list[str]:
    namen = {veld.name for veld in form.instance._meta.get_fields()}
    return [naam for naam in form.fields if naam in namen]


@transaction.atomic
def instelling_opslaan(*, door: Gebruiker, form: forms.ModelForm[M], objecttype: str) -> M:
    """Save a valid model form of the SWV's configuration, logged with before and after (an
    unchanged save logs nothing). The form's instance must already carry the SWV (or school)."""
    rij = form.instance
    if not mag_instelling_beheren(door, rij):
        raise PermissionDenied
    velden = _modelvelden(form)
    nieuw = rij._state.adding  # not pk: an SWV's settings row has the SWV as its key
    voor = {} if nieuw else stand(type(rij)._default_manager.get(pk=rij.pk), velden)
    rij = form.save()
    na = stand(rij, velden)
    if nieuw:
        gebeurtenissen.instelling_aangemaakt(rij, door=door, objecttype=objecttype, na=na)
    elif na != voor:
        gebeurtenissen.instelling_gewijzigd(rij, door=door, objecttype=objecttype, voor=voor, na=na)
    return rij


@transaction.atomic
def instelling_verwijderen(
    *, door: Gebruiker, rij: models.Model, objecttype: str, velden: list[str]
) -> None:
    if not mag_instelling_beheren(door, rij):
        raise PermissionDenied
    gebeurtenissen.instelling_verwijderd(
        rij, door=door, objecttype=objecttype, voor=stand(rij, velden)
    )
    rij.delete()
