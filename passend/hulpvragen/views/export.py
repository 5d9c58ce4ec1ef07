"""The overview's current result as CSV, for SWV staff (R50)."""

import csv
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.core.csvcel import csv_celwaarde
from passend.core.tijd import datum_tekst
from passend.hulpvragen.forms import HulpvraagZoekForm
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.rechten import mag_exporteren
from passend.hulpvragen.selectors import hulpvragen_zoeken, voor_export

CSV_KOPPEN = [
    gettext_lazy("Referentie"),
    gettext_lazy("Roepnaam"),
    gettext_lazy("Tussenvoegsel"),
    gettext_lazy("Achternaam"),
    gettext_lazy("Geboortedatum"),
    gettext_lazy("Hulpvraag"),
    gettext_lazy("Proces"),
    gettext_lazy("Status"),
    gettext_lazy("Status sinds"),
    gettext_lazy("School"),
    gettext_lazy("BRIN en vestiging"),
    gettext_lazy("Regio"),
    gettext_lazy("Hulpvraagdatum"),
    gettext_lazy("Coördinator"),
    gettext_lazy("Labels"),
]


class _Regel:
    """A file for csv.writer that hands back what is written, so rows can be streamed."""

    def write(self, tekst: str) -> str:
        return tekst


def _csv_regels(hulpvragen: QuerySet[Hulpvraag]) -> Iterator[str]:
    schrijver = csv.writer(_Regel(), delimiter=";")
    # The byte order mark makes Excel (Dutch settings: ";" separates) read UTF-8 accents.
    yield "\ufeff" + schrijver.writerow([str(kop) for kop in CSV_KOPPEN])
    # In chunks: at tens of thousands of rows the result is never in memory at once.
    for hulpvraag in hulpvragen.iterator(chunk_size=1000):
        leerling, school = hulpvraag.leerling, hulpvraag.schoolgegevens.school
        yield schrijver.writerow(
            csv_celwaarde(waarde)
            for waarde in (
                hulpvraag.referentie,
                leerling.roepnaam,
                leerling.tussenvoegsel,
                leerling.achternaam,
                datum_tekst(leerling.geboortedatum),
                hulpvraag.titel.naam,
                hulpvraag.titel.proces.naam,
                hulpvraag.status.naam,
                datum_tekst(hulpvraag.status_sinds),
                school.naam,
                school.code,
                school.regio.naam if school.regio else "",
                datum_tekst(hulpvraag.hulpvraagdatum),
                hulpvraag.coordinator.volledige_naam if hulpvraag.coordinator else "",
                ", ".join(label.naam for label in hulpvraag.labels.all()),
            )
        )


@require_GET
def export(request: HttpRequest) -> HttpResponseBase:
    """The overview's current result as CSV, every row, for SWV staff only; logged with who,
    which filter and how many rows (P2)."""
    gebruiker = ingelogde_gebruiker(request)
    if not mag_exporteren(gebruiker):
        raise Http404
    form = HulpvraagZoekForm(request.GET, gebruiker=gebruiker)
    if not form.is_valid():
        # The overview shows what is wrong next to the field.
        return redirect(f"{reverse('hulpvragen:lijst')}?{request.GET.urlencode()}")
    hulpvragen = voor_export(hulpvragen_zoeken(gebruiker, **form.zoekvragen()))
    gebeurtenissen.hulpvragen_geexporteerd(
        door=gebruiker, filter=request.GET.urlencode(), aantal=hulpvragen.count()
    )
    antwoord = StreamingHttpResponse(
        _csv_regels(hulpvragen), content_type="text/csv; charset=utf-8"
    )
    bestandsnaam = f"hulpvragen-{timezone.localdate():%d-%m-%Y}.csv"
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord
