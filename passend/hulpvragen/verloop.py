"""Keeps the Managementoverzicht's summary (Hulpvraagverloop) right when a status's flags
change. Whether the SWV sees a status (`zichtbaar_voor_swv`) and whether it is final
(`eindstatus`) decide the first visible and the first final moment; SWV-beheer, a preset reload
and the operators' admin may change them on a status in use. The hulpvragen whose history names
the status are computed again in the same transaction as the status's save."""

from typing import Any

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from passend.hulpvragen.services import hulpvraagverloop_na_statusvlaggen
from passend.processen.models import Status

_VLAGGEN = ("zichtbaar_voor_swv", "eindstatus")


@receiver(pre_save, sender=Status, dispatch_uid="hulpvraagverloop_status_voor")
def _vlaggen_onthouden(sender: Any, instance: Status, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return  # a new status is in no history yet
    voor = Status.objects.filter(pk=instance.pk).values_list(*_VLAGGEN).first()
    instance._verloop_bijwerken = voor is not None and voor != tuple(  # type: ignore[attr-defined]
        getattr(instance, vlag) for vlag in _VLAGGEN
    )


@receiver(post_save, sender=Status, dispatch_uid="hulpvraagverloop_status_na")
def _verloop_bijwerken(sender: Any, instance: Status, created: bool, **kwargs: Any) -> None:
    if getattr(instance, "_verloop_bijwerken", False):
        instance._verloop_bijwerken = False  # type: ignore[attr-defined]
        hulpvraagverloop_na_statusvlaggen(instance)
