"""Every write to a hulpvraag: creating it, changing its status, its coördinator and labels."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.models import Gebruiker, Schoolcontactpersoon
from passend.accounts.rechten import rolfeiten
from passend.audit import gebeurtenissen
from passend.core.kanalen import Kanaal
from passend.core.models import volledig_controleren
from passend.core.tijd import VROEGSTE_DATUM, datum_tekst
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.dossiers.naamcontrole import genoemd_als_tekst, leerling_in_tekst
from passend.hulpvragen.models import (
    Hulpvraag,
    Hulpvraagverloop,
    Label,
    Referentieteller,
    Statuswijziging,
)
from passend.hulpvragen.rechten import (
    mag_behandeling_wijzigen,
    mag_hulpvraag_aanmaken,
    mag_oppakken,
    statuskeuzes,
)
from passend.hulpvragen.signals import hulpvraag_ingediend, status_gewijzigd
from passend.processen.models import Hulpvraagtitel, Status
from passend.processen.selectors import titel_past_bij_school

# The summary of the Managementoverzicht (Hulpvraagverloop), computed from the hulpvraag and its
# history in one statement (PostgreSQL and SQLite): per hulpvraag the first moment in a status
# the SWV sees (a window over its history), then the first final status at or after it. The same
# arithmetic the Managementoverzicht did over every history row on each request before.
_VERLOOP_SQL = """
WITH gekozen (id) AS ({hulpvragen}),
stappen AS (
    SELECT w.hulpvraag_id, w.op, s.eindstatus,
           MIN(CASE WHEN s.zichtbaar_voor_swv THEN w.op END)
               OVER (PARTITION BY w.hulpvraag_id) AS begin
    FROM {statuswijziging} w
    JOIN {status} s ON s.id = w.naar_id
    WHERE w.hulpvraag_id IN (SELECT id FROM gekozen)
), momenten AS (
    SELECT hulpvraag_id, MIN(begin) AS begin,
           MIN(CASE WHEN eindstatus AND op >= begin THEN op END) AS einde
    FROM stappen GROUP BY hulpvraag_id
)
INSERT INTO {verloop} (hulpvraag_id, swv_id, titel_id, status_id, status_zichtbaar_voor_swv,
                       schoolgegevens_id, school_id, hulpvraagdatum, eerst_zichtbaar,
                       eerst_afgerond)
SELECT h.id, h.swv_id, h.titel_id, h.status_id, hs.zichtbaar_voor_swv, h.schoolgegevens_id,
       sg.school_id, h.hulpvraagdatum, m.begin, m.einde
FROM {hulpvraag} h
JOIN {schoolgegevens} sg ON sg.id = h.schoolgegevens_id
JOIN {status} hs ON hs.id = h.status_id
LEFT JOIN momenten m ON m.hulpvraag_id = h.id
WHERE h.id IN (SELECT id FROM gekozen)
ON CONFLICT (hulpvraag_id) DO UPDATE SET
    swv_id = excluded.swv_id, titel_id = excluded.titel_id, status_id = excluded.status_id,
    status_zichtbaar_voor_swv = excluded.status_zichtbaar_voor_swv,
    schoolgegevens_id = excluded.schoolgegevens_id, school_id = excluded.school_id,
    hulpvraagdatum = excluded.hulpvraagdatum, eerst_zichtbaar = excluded.eerst_zichtbaar,
    eerst_afgerond = excluded.eerst_afgerond
"""


def hulpvraagverloop_na_statusvlaggen(status: Status) -> None:
    """A status's `zichtbaar_voor_swv` or `eindstatus` changed: the summary of every hulpvraag
    whose history names it is computed again, in the status's own transaction. No pupil data
    is read (ids only), so no visibility rule or access-log row applies: a system recompute."""
    hulpvragen = Hulpvraag.objects.filter(
        pk__in=Statuswijziging.objects.filter(naar=status).values("hulpvraag_id")
    )
    # Locked first, in one order, as a status change locks its hulpvraag: a status change at
    # the same moment waits for this transaction and then reads the new flags, and this one
    # never writes a summary from before that change (ON CONFLICT would).
    list(hulpvragen.select_for_update().order_by("pk").values_list("pk", flat=True))
    hulpvraagverloop_bijwerken(hulpvragen=hulpvragen)


def hulpvraagverloop_bijwerken(*, hulpvragen: QuerySet[Hulpvraag]) -> None:
    """Writes the Managementoverzicht's summary of these hulpvragen (issue 20 item 3), fresh
    from each hulpvraag and its Statushistorie: one statement for one hulpvraag or for a whole
    SWV (the generator, the backfill). Called inside the transaction of every change it
    summarises, so the two commit or roll back together. One statement is atomic on its own:
    no savepoint of its own (it would add two queries to every status change)."""
    quote = connection.ops.quote_name
    deelvraag, parameters = hulpvragen.order_by().values("pk").query.sql_with_params()
    sql = _VERLOOP_SQL.format(
        hulpvragen=deelvraag,
        statuswijziging=quote(Statuswijziging._meta.db_table),
        status=quote(Status._meta.db_table),
        verloop=quote(Hulpvraagverloop._meta.db_table),
        hulpvraag=quote(Hulpvraag._meta.db_table),
        schoolgegevens=quote(Schoolgegevens._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)


class StatusIntussenGewijzigd(ValidationError):
    """Someone else changed the status between showing the form and saving it."""

    def __init__(self, status: Status) -> None:
        super().__init__(
            _(
                "De status is intussen gewijzigd in ‘%(status)s’. Bekijk de hulpvraag opnieuw "
                "en kies dan zo nodig een nieuwe status."
            )
            % {"status": status.naam}
        )


def _nieuwe_referentie(jaar: int) -> str:
    # The UPDATE locks the year's row until commit: two new hulpvragen never share a number.
    # One statement that also returns the number (PostgreSQL and SQLite both have RETURNING;
    # the ORM's update() does not), the counter's row made on the year's first hulpvraag.
    tabel = connection.ops.quote_name(Referentieteller._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {tabel} SET laatste = laatste + 1 WHERE jaar = %s RETURNING laatste",  # noqa: S608 (the model's own table name)
            [jaar],
        )
        rij = cursor.fetchone()
    if rij is None:
        Referentieteller.objects.get_or_create(jaar=jaar)
        return _nieuwe_referentie(jaar)
    return f"HV-{jaar}-{rij[0]:06d}"


def titel_melding(titel: Hulpvraagtitel) -> str:
    """R31: why a title does not fit the school, naming the title to use instead."""
    alleen = ", ".join(regio.naam for regio in titel.alleen_voor_regios.all())
    niet = ", ".join(regio.naam for regio in titel.niet_voor_regios.all())
    if alleen:
        melding = _("‘%(titel)s’ is alleen voor scholen in %(regios)s.") % {
            "titel": titel.naam,
            "regios": alleen,
        }
    else:
        melding = _("‘%(titel)s’ is niet voor scholen in %(regios)s.") % {
            "titel": titel.naam,
            "regios": niet,
        }
    if titel.alternatief is not None:
        melding += " " + _("Kies ‘%(alternatief)s’.") % {"alternatief": titel.alternatief.naam}
    return melding


class NaamInOmschrijving(ValidationError):
    """R16: the omschrijving seems to name the pupil; the user may confirm it is meant."""

    def __init__(self) -> None:
        super().__init__(
            {
                "omschrijving": ValidationError(
                    _(
                        "De omschrijving lijkt de naam van de leerling te bevatten. De naam hoort "
                        "hier niet: haal hem weg, of bevestig dat hij er met reden staat."
                    ),
                    code="naam_in_omschrijving",
                )
            }
        )


@transaction.atomic
def hulpvraag_aanmaken(
    *,
    leerling: Leerling,
    schoolgegevens: Schoolgegevens,
    titel: Hulpvraagtitel,
    door: Gebruiker,
    omschrijving: str = "",
    hulpvraagdatum: date | None = None,
    bron: Kanaal = Kanaal.WEB,
    naam_toch_opslaan: bool = False,
) -> Hulpvraag:
    """A new hulpvraag in the beginstatus its title names, with the coördinator set
    automatically (R21, R32). A title that does not fit the school's region is refused (R31);
    an omschrijving that names the pupil needs the user's confirmation (R16)."""
    if schoolgegevens.leerling_id != leerling.pk:
        raise ValidationError({"schoolgegevens": _("Kies schoolgegevens van deze leerling.")})
    if not mag_hulpvraag_aanmaken(door, schoolgegevens):
        raise PermissionDenied
    school = schoolgegevens.school
    if school.gesloten_op is not None and school.gesloten_op <= timezone.localdate():
        # R45: a closed school takes no new hulpvragen; its open ones stay reachable.
        raise ValidationError(
            {"schoolgegevens": _("Deze school is gesloten: er kunnen geen hulpvragen bij.")}
        )
    if titel.swv_id != leerling.swv_id or not titel.actief:
        raise ValidationError({"titel": _("Kies een titel uit de lijst.")})
    if not titel_past_bij_school(titel, school):
        raise ValidationError({"titel": titel_melding(titel)})
    if not naam_toch_opslaan and leerling_in_tekst(leerling, omschrijving):
        raise NaamInOmschrijving

    coordinator = None
    if titel.coordinatortoewijzing == Hulpvraagtitel.Coordinatortoewijzing.SCHOOLCONTACTPERSOON:
        scp = Schoolcontactpersoon.objects.filter(school=school).select_related("gebruiker")
        coordinator = next((s.gebruiker for s in scp if s.gebruiker.is_active), None)

    datum = hulpvraagdatum or timezone.localdate()
    # The date names the reference (HV-2030-...): a date ahead or before Passend onderwijs would
    # make a wrong one.
    if datum > timezone.localdate():
        raise ValidationError({"hulpvraagdatum": _("De hulpvraagdatum ligt in de toekomst.")})
    if datum < VROEGSTE_DATUM:
        raise ValidationError(
            {
                "hulpvraagdatum": _("Kies een hulpvraagdatum vanaf %(datum)s.")
                % {"datum": datum_tekst(VROEGSTE_DATUM)}
            }
        )
    nu = timezone.now()
    hulpvraag = Hulpvraag(
        # The actor's SWV is loaded with the account and, by the rights above, the pupil's: the
        # access log and the receipt mail read it without another query.
        swv=door.swv if door.swv_id == leerling.swv_id else leerling.swv,
        referentie=_nieuwe_referentie(datum.year),
        leerling=leerling,
        schoolgegevens=schoolgegevens,
        titel=titel,
        omschrijving=omschrijving,
        hulpvraagdatum=datum,
        status=titel.beginstatus,
        status_sinds=nu,
        coordinator=coordinator,
        bron=bron,
        aangemaakt_door=door,
    )
    volledig_controleren(hulpvraag)
    hulpvraag.save()
    Statuswijziging.objects.create(
        hulpvraag=hulpvraag, van=None, naar=titel.beginstatus, door=door, op=nu
    )
    hulpvraagverloop_bijwerken(hulpvragen=Hulpvraag.objects.filter(pk=hulpvraag.pk))
    gebeurtenissen.hulpvraag_aangemaakt(hulpvraag, door=door)
    if titel.beginstatus.zichtbaar_voor_swv:
        # Submitted (web or API): one receipt mail. A beginstatus the SWV does not see is a
        # school's preparation; its later status change mails (R19), so nothing here.
        hulpvraag_ingediend.send(sender=Hulpvraag, hulpvraag=hulpvraag)
    return hulpvraag


@transaction.atomic
def hulpvraag_status_wijzigen(
    *,
    hulpvraag: Hulpvraag,
    naar: Status,
    door: Gebruiker,
    reden: str = "",
    verwachte_status: Status | int | None = None,
) -> Statuswijziging:
    """Only a change the process allows for one of the actor's roles (R20-R22). The row is
    locked and compared with the status the actor saw (`verwachte_status`): of two simultaneous
    changes, the first wins and the second is told what happened (ARCHITECTURE.md rule 4)."""
    # Lock by primary key alone: PostgreSQL re-checks a locked row's WHERE after waiting, but
    # with the joined rows of its first look, so a visibility filter here would lose the row.
    actueel = Hulpvraag.objects.select_for_update().get(pk=hulpvraag.pk)
    keuzes = statuskeuzes(door, actueel)
    if not keuzes:
        raise PermissionDenied
    verwacht = verwachte_status.pk if isinstance(verwachte_status, Status) else verwachte_status
    if verwacht is not None and actueel.status_id != verwacht:
        raise StatusIntussenGewijzigd(actueel.status)
    keuze = next((k for k in keuzes if k.status.pk == naar.pk), None)
    if keuze is None:
        raise ValidationError(
            {
                "naar": _("Vanuit ‘%(van)s’ kunt u niet kiezen voor ‘%(naar)s’.")
                % {"van": actueel.status.naam, "naar": naar.naam}
            }
        )
    if keuze.ontbreekt:
        # One message that lists everything still missing (forms, attachments, history).
        raise ValidationError(
            {
                "naar": [
                    _("U kunt nog niet kiezen voor ‘%(naar)s’. Eerst nodig:") % {"naar": naar.naam},
                    *keuze.ontbreekt,
                ]
            }
        )
    reden = reden.strip()
    if naar.reden_verplicht and not reden:
        raise ValidationError(
            {"reden": _("Geef een reden: de school leest die in de e-mail over deze status.")}
        )
    if genoemd := leerling_in_tekst(actueel.leerling, reden):
        # P3: the reason goes into the status mail, which never names the pupil.
        raise ValidationError(
            {
                "reden": _(
                    "Noem de leerling niet in de reden: die staat in de e-mail aan de school. "
                    "Haal %(genoemd)s weg; de e-mail verwijst al naar deze hulpvraag."
                )
                % {"genoemd": genoemd_als_tekst(genoemd)}
            }
        )
    wijziging = Statuswijziging.objects.create(
        hulpvraag=actueel, van=actueel.status, naar=naar, door=door, reden=reden
    )
    gebeurtenissen.status_gewijzigd(actueel, door=door, van=actueel.status.naam, naar=naar.naam)
    actueel.status = naar
    actueel.status_sinds = wijziging.op
    actueel.save(update_fields=["status", "status_sinds"])
    hulpvraagverloop_bijwerken(hulpvragen=Hulpvraag.objects.filter(pk=actueel.pk))
    hulpvraag.status = naar
    hulpvraag.status_sinds = wijziging.op
    status_gewijzigd.send(sender=Hulpvraag, statuswijziging=wijziging)
    return wijziging


@transaction.atomic
def hulpvraag_behandeling_wijzigen(
    *,
    hulpvraag: Hulpvraag,
    door: Gebruiker,
    coordinator: Gebruiker | None,
    labels: Iterable[Label],
) -> Hulpvraag:
    """R32: the coördinator and labels are set by SWV staff, never by the school."""
    if not mag_behandeling_wijzigen(door, hulpvraag):
        raise PermissionDenied
    labels = list(labels)
    if coordinator is not None and (
        coordinator.swv_id != hulpvraag.swv_id or not rolfeiten(coordinator).werkt_voor_swv
    ):
        raise ValidationError(
            {"coordinator": _("Kies een medewerker van het samenwerkingsverband.")}
        )
    if any(label.swv_id != hulpvraag.swv_id for label in labels):
        raise ValidationError({"labels": _("Kies labels van dit samenwerkingsverband.")})
    hulpvraag.coordinator = coordinator
    hulpvraag.save(update_fields=["coordinator"])
    hulpvraag.labels.set(labels)
    gebeurtenissen.behandeling_gewijzigd(hulpvraag, door=door)
    return hulpvraag


@transaction.atomic
def hulpvraag_oppakken(*, hulpvraag: Hulpvraag, door: Gebruiker) -> Hulpvraag:
    """B5, R32: whoever finds an unassigned hulpvraag in their function's queue becomes its
    coördinator. Of two at once, the first wins; the second hears who."""
    actueel = Hulpvraag.objects.select_for_update().get(pk=hulpvraag.pk)
    if actueel.coordinator_id is not None:
        raise ValidationError(
            _("%(naam)s heeft deze hulpvraag intussen opgepakt.")
            % {"naam": actueel.coordinator.volledige_naam}  # type: ignore[union-attr]
        )
    if not mag_oppakken(door, actueel):
        raise PermissionDenied
    actueel.coordinator = door
    actueel.save(update_fields=["coordinator"])
    gebeurtenissen.behandeling_gewijzigd(actueel, door=door)
    return actueel
