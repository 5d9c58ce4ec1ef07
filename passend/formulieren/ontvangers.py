"""What a status change does to forms, in the transaction of the change:
- a form whose definition is attached to the new status is added (R21, R23: "OB voorlopige
  aanvraag" brings "Aanvraag Ondersteuningsbudget");
- the forms the transition required complete are submitted: read-only from then on;
- a status in which the school must act again (an "incompleet") reopens them."""

from typing import Any

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from passend.formulieren.models import Formulier, Formulierdefinitie
from passend.formulieren.services import formulier_koppelen
from passend.formulieren.voorwaarden import FORMULIER_COMPLEET
from passend.hulpvragen.models import Statuswijziging
from passend.processen.models import Statusovergang
from passend.processen.voorwaarden import argumenten


@receiver(post_save, sender=Statuswijziging, dispatch_uid="formulieren_bij_status")
def formulieren_bij_status(
    sender: Any, instance: Statuswijziging, created: bool, **kwargs: Any
) -> None:
    if not created:
        return
    hulpvraag = instance.hulpvraag
    definities = Formulierdefinitie.objects.filter(koppelen_bij=instance.naar_id).filter(
        Q(alleen_voor_titels=None) | Q(alleen_voor_titels=hulpvraag.titel_id)
    )
    for definitie in definities.distinct():
        formulier_koppelen(hulpvraag, definitie)
    if instance.van_id is None:
        return
    formulieren = Formulier.objects.filter(hulpvraag=hulpvraag)
    if instance.naar.school_moet_actie_ondernemen:
        formulieren.filter(ingediend_op__isnull=False).update(ingediend_op=None)
        return
    overgang = Statusovergang.objects.filter(van=instance.van_id, naar=instance.naar_id).first()
    codes = argumenten(FORMULIER_COMPLEET, overgang.voorwaarden if overgang else [])
    if codes:
        formulieren.filter(versie__definitie__code__in=codes, ingediend_op__isnull=True).update(
            ingediend_op=timezone.now()
        )
