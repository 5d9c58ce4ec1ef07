from collections.abc import Collection, Iterable

from django.db.models import QuerySet

from passend.organisaties.models import School
from passend.processen.models import Hulpvraagtitel, Status, Statusovergang


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
