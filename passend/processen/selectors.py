from collections.abc import Collection, Iterable

from django.db.models import Count, QuerySet

from passend.accounts.models import Gebruiker
from passend.organisaties.models import School
from passend.processen.models import Hulpvraagtitel, Proces, Status, Statusovergang
from passend.processen.rechten import mag_processen_beheren


def regio_past(
    regio: int | None, alleen: Collection[int | None], niet: Collection[int | None]
) -> bool:
    """R29-R31: a title limited to regions (`alleen`), or excluded from them (`niet`), fits
    a school in `regio` only where allowed. A school without a regio (an external school, R8)
    is outside every regio."""
    if alleen and regio not in alleen:
        return False
    return regio not in niet


def titel_past_bij_school(titel: Hulpvraagtitel, school: School) -> bool:
    return regio_past(
        school.regio_id,
        {regio.pk for regio in titel.alleen_voor_regios.all()},
        {regio.pk for regio in titel.niet_voor_regios.all()},
    )


def titels_voor_school(school: School) -> list[Hulpvraagtitel]:
    """The active titles a school may pick, in the list's order."""
    titels = (
        Hulpvraagtitel.objects.filter(swv=school.swv_id, actief=True)
        .select_related("beginstatus", "proces")
        .prefetch_related("alleen_voor_regios", "niet_voor_regios")
    )
    return [titel for titel in titels if titel_past_bij_school(titel, school)]


def overgangen_voor(status: Status, rolcodes: Iterable[str]) -> QuerySet[Statusovergang]:
    """The changes the holder of these roles may make from this status."""
    return (
        Statusovergang.objects.filter(van=status, rollen__code__in=list(rolcodes))
        .select_related("naar")
        .distinct()
        .order_by("naar__volgorde", "naar__naam")
    )


# --- SWV-beheer (issue 16 item 6): an administrator's own SWV only; None for anything else ----


def processen_voor_beheer(door: Gebruiker) -> QuerySet[Proces]:
    if not mag_processen_beheren(door):
        return Proces.objects.none()
    return (
        Proces.objects.filter(swv=door.swv_id)
        .select_related("behandelende_rol")
        .annotate(
            aantal_statussen=Count("statussen", distinct=True),
            aantal_titels=Count("titels", distinct=True),
        )
        .order_by("naam")
    )


def proces_voor_beheer(door: Gebruiker, pk: int) -> Proces | None:
    if not mag_processen_beheren(door):
        return None
    return Proces.objects.filter(swv=door.swv_id, pk=pk).select_related("swv").first()


def status_voor_beheer(door: Gebruiker, pk: int) -> Status | None:
    if not mag_processen_beheren(door):
        return None
    return (
        Status.objects.filter(proces__swv=door.swv_id, pk=pk)
        .select_related("proces", "proces__swv")
        .first()
    )


def overgang_voor_beheer(door: Gebruiker, pk: int) -> Statusovergang | None:
    if not mag_processen_beheren(door):
        return None
    return (
        Statusovergang.objects.filter(proces__swv=door.swv_id, pk=pk)
        .select_related("proces", "van", "naar")
        .first()
    )


def titel_voor_beheer(door: Gebruiker, pk: int) -> Hulpvraagtitel | None:
    if not mag_processen_beheren(door):
        return None
    return (
        Hulpvraagtitel.objects.filter(swv=door.swv_id, pk=pk)
        .select_related("proces", "beginstatus")
        .first()
    )


def statussen_van_proces(proces: Proces) -> list[Status]:
    return list(proces.statussen.order_by("volgorde", "naam"))


def overgangen_van_proces(proces: Proces) -> list[Statusovergang]:
    return list(
        proces.overgangen.select_related("van", "naar")
        .prefetch_related("rollen")
        .order_by("van__volgorde", "van__naam", "naar__volgorde", "naar__naam")
    )


def titels_van_proces(proces: Proces) -> list[Hulpvraagtitel]:
    return list(
        proces.titels.select_related("beginstatus")
        .prefetch_related("alleen_voor_regios", "niet_voor_regios")
        .order_by("volgorde", "naam")
    )
