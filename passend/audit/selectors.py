"""Reads of the access log. Who may read it is decided by the callers' rights (the audit viewer,
a parent's inzage, the pupil export); reading it is itself logged by those callers."""

from django.db.models import QuerySet

from passend.audit.models import Inzage


def inzagen_over_leerling(*, leerling_id: int, swv_code: str) -> QuerySet[Inzage]:
    """Every logged read or change of one pupil's data within their SWV, newest first: the
    pupil's timeline "who saw or changed what, when, from where, on what grounds"."""
    return Inzage.objects.filter(swv_code=swv_code, leerling_id=leerling_id).order_by(
        "-tijd", "-pk"
    )
