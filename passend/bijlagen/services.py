"""Every write to attachments, from any channel: add, answer a warning, remove. The write
right is checked here (`bijlagen/rechten.py`) and the access-log row of each change is written
in the change's transaction.

Crash safety (ARCHITECTURE.md rule 6): the file is stored first, then its row is written. When
writing the row fails, the file is deleted again. The row's transaction may be part of a larger
one (an intake that creates a hulpvraag and its attachments together); when that rolls back
later, or a process dies half-way, a stored file is left without a row, which
`manage.py bijlagen_opruimen` removes after a grace period. A row never names a missing file.
"""

import logging
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.bijlagen.controles import (
    BestandGeweigerd,
    GecontroleerdBestand,
    TeGrootMaarVerkleinbaar,
    bestand_controleren,
    betekenisloze_naam,
    grootte_tekst,
    pdf_verkleinen,
)
from passend.bijlagen.models import Bijlage, Bijlageverwijdering, Documenttype, WachtendeBijlage
from passend.bijlagen.opslag import (
    OPSLAGNAAM,
    bestand_opslaan,
    bestand_verwijderen,
    namen_van_eigenaren,
    nieuwe_opslagnaam,
    opslag,
)
from passend.bijlagen.rechten import (
    mag_bijlage_verwijderen,
    mag_bijlagen_toevoegen,
    mag_wachtende_bijlage_beantwoorden,
    reden_verplicht_bij_verwijderen,
)
from passend.bijlagen.selectors import bijlageinstellingen
from passend.core.kanalen import Kanaal
from passend.core.models import volledig_controleren
from passend.core.tijd import datum_tekst
from passend.hulpvragen.models import Hulpvraag

logger = logging.getLogger(__name__)
Rij = TypeVar("Rij", bound=models.Model)


REDEN_VERPLICHT = gettext_lazy(
    "Geef de reden: het samenwerkingsverband heeft deze bijlage al kunnen zien, en ziet "
    "na het verwijderen wanneer en waarom die is verwijderd."
)


class BijlageGeweigerd(BestandGeweigerd):
    """A refusal decided here rather than by the file checks; carries its Dutch message."""


class DubbeleBijlage(BijlageGeweigerd):
    def __init__(self, bestaande: Bijlage) -> None:
        super().__init__(
            _(
                "Dit bestand is al toegevoegd aan deze hulpvraag, als ‘%(bestaande)s’ "
                "(%(datum)s). Het is niet nog een keer toegevoegd."
            )
            % {
                "bestaande": bestaande.bestandsnaam,
                "datum": datum_tekst(bestaande.toegevoegd_op),
            }
        )
        self.bestaande = bestaande


class OpslagNietBeschikbaar(BijlageGeweigerd):
    """The storage refused the file (object store unreachable, disk full): nothing is kept."""

    def __init__(self, naam: str) -> None:
        super().__init__(
            _(
                "%(naam)s is niet opgeslagen: de opslag voor bijlagen is nu niet bereikbaar of "
                "vol. Er is niets bewaard; probeer het over een paar minuten opnieuw."
            )
            % {"naam": naam}
        )


class WachtendeBijlageVerlopen(BijlageGeweigerd):
    def __init__(self) -> None:
        super().__init__(
            _("Dit bestand wacht niet meer op uw antwoord; voeg het opnieuw toe als u het wilt.")
        )


def bestandsnaam_opschonen(naam: str) -> str:
    """The name as shown and offered on download: no path, no control or direction characters
    (a right-to-left override can make "fdp.exe" read as "exe.pdf"), at most 255 characters."""
    naam = Path(naam.replace("\\", "/")).name
    naam = "".join(teken for teken in naam if unicodedata.category(teken)[0] != "C").strip()
    if not naam:
        return "bijlage"
    if len(naam) > 255:
        stam, punt, extensie = naam.rpartition(".")
        naam = stam[: 254 - len(extensie)] + punt + extensie if punt else naam[:255]
    return naam


def _met_extensie(nieuw: str, oud: str) -> str:
    """A rename keeps the extension of the checked file: the type was decided for it."""
    extensie = Path(oud).suffix
    if extensie and Path(nieuw).suffix.lower() != extensie.lower():
        nieuw = bestandsnaam_opschonen(nieuw + extensie)
    return nieuw


def _geen_dubbele(hulpvraag: Hulpvraag, sha256: str) -> None:
    bestaande = Bijlage.objects.filter(hulpvraag=hulpvraag, sha256=sha256).first()
    if bestaande is not None:
        raise DubbeleBijlage(bestaande)


def _inhoud(gecontroleerd: GecontroleerdBestand) -> dict[str, object]:
    return {
        "soort": gecontroleerd.soort,
        "mime": gecontroleerd.mime,
        "inline_tonen": gecontroleerd.inline_tonen,
        "grootte": gecontroleerd.grootte,
        "sha256": gecontroleerd.sha256,
    }


def _opslaan_met_rij(
    pad: Path | None, maak_rij: Callable[[str], Rij], naam: str = "", bestandsnaam: str = ""
) -> Rij:
    """The file first, then its row (see the module docstring). Without `pad` the file is
    already stored under `naam` (a waiting file becoming an attachment) and is left alone on
    failure, because the waiting row still names it."""
    naam = naam or nieuwe_opslagnaam()
    try:
        if pad is not None:
            try:
                bestand_opslaan(naam, pad)
            except Exception as fout:  # the storage's own errors (botocore, OSError, ...)
                logger.exception("Bijlage niet in de opslag gezet", extra={"naam": naam})
                raise OpslagNietBeschikbaar(bestandsnaam or _("Het bestand")) from fout
        with transaction.atomic():
            return maak_rij(naam)
    except BaseException:
        if pad is not None:
            bestand_verwijderen(naam)
        raise


def bestand_aanbieden(
    *,
    hulpvraag: Hulpvraag,
    pad: Path,
    bestandsnaam: str,
    door: Gebruiker,
    bron: Kanaal = Kanaal.WEB,
    documenttype: Documenttype | None = None,
    soort_vragen: bool = False,
    waarschuwen: bool = True,
    sha256: str | None = None,
) -> Bijlage | WachtendeBijlage:
    """One file offered for a hulpvraag, from any channel (R2): checked, then added; or kept
    waiting when its uploader should answer a warning first (R3, R4), or say what kind of
    document it is (`soort_vragen`: the upload form had none chosen; nothing is lost). A channel
    with nobody to answer (`waarschuwen=False`, a school system) adds the file at once.
    `sha256`: the file's digest when the channel computed it while receiving (the web upload
    handler); the smaller copy of a scanned PDF is hashed anew. Raises BestandGeweigerd with a
    Dutch message; then nothing is stored."""
    if not mag_bijlagen_toevoegen(door, hulpvraag):
        raise PermissionDenied
    _documenttype_controleren(hulpvraag, documenttype)
    soort_vragen = soort_vragen and documenttype is None
    bestandsnaam = bestandsnaam_opschonen(bestandsnaam)
    max_bytes = bijlageinstellingen(hulpvraag.swv_id).max_bijlage_bytes
    oorspronkelijke_grootte = None
    with tempfile.TemporaryDirectory(prefix="passend-") as map:
        try:
            gecontroleerd = bestand_controleren(
                pad, bestandsnaam=bestandsnaam, max_bytes=max_bytes, sha256=sha256
            )
        except TeGrootMaarVerkleinbaar:
            # R3 beyond: a scanned PDF over the limit is offered a 300 dpi copy instead.
            oorspronkelijke_grootte = pad.stat().st_size
            verkleind = Path(map) / "verkleind.pdf"
            try:
                pdf_verkleinen(pad, verkleind)
            except Exception as fout:  # a PDF the downsampler cannot rewrite: a plain refusal
                raise BijlageGeweigerd(
                    _("%(naam)s is groter dan %(max)s en kon niet verkleind worden.")
                    % {"naam": bestandsnaam, "max": grootte_tekst(max_bytes)}
                ) from fout
            pad = verkleind
            try:
                gecontroleerd = bestand_controleren(
                    pad, bestandsnaam=bestandsnaam, max_bytes=max_bytes
                )
            except TeGrootMaarVerkleinbaar as nog_te_groot:
                raise BijlageGeweigerd(
                    _(
                        "%(naam)s is %(grootte)s; ook verkleind tot 300 dpi is het groter dan "
                        "%(max)s. Splits het bestand of scan het met een lagere resolutie."
                    )
                    % {
                        "naam": bestandsnaam,
                        "grootte": grootte_tekst(oorspronkelijke_grootte, naar_boven=True),
                        "max": grootte_tekst(max_bytes),
                    }
                ) from nog_te_groot
        _geen_dubbele(hulpvraag, gecontroleerd.sha256)
        naam_betekenisloos = betekenisloze_naam(bestandsnaam)
        if waarschuwen and (
            naam_betekenisloos or oorspronkelijke_grootte is not None or soort_vragen
        ):

            def wachtend(opslagnaam: str) -> WachtendeBijlage:
                rij = WachtendeBijlage(
                    hulpvraag=hulpvraag,
                    gebruiker=door,
                    bron=bron,
                    bestandsnaam=bestandsnaam,
                    opslagnaam=opslagnaam,
                    naam_betekenisloos=naam_betekenisloos,
                    oorspronkelijke_grootte=oorspronkelijke_grootte,
                    documenttype=documenttype,
                    verloopt_op=timezone.now() + settings.PASSEND_BIJLAGE_BEDENKTIJD,
                    **_inhoud(gecontroleerd),
                )
                rij.full_clean()
                rij.save()
                return rij

            return _opslaan_met_rij(pad, wachtend, bestandsnaam=bestandsnaam)

        def bijlage(opslagnaam: str) -> Bijlage:
            return _bijlage_maken(
                hulpvraag=hulpvraag,
                bestandsnaam=bestandsnaam,
                opslagnaam=opslagnaam,
                door=door,
                bron=bron,
                inhoud=_inhoud(gecontroleerd),
                documenttype=documenttype,
            )

        return _opslaan_met_rij(pad, bijlage, bestandsnaam=bestandsnaam)


def gecontroleerd_bewaren(
    *, swv_id: int, pad: Path, bestandsnaam: str, maak_rij: Callable[[str, dict[str, object]], Rij]
) -> Rij:
    """A file checked as every attachment is and stored, for a row another app keeps (a draft's
    file): `maak_rij(opslagnaam, inhoud)` writes it. Raises BestandGeweigerd; then nothing is
    stored. A file over the limit is refused here: the smaller copy needs an answer."""
    max_bytes = bijlageinstellingen(swv_id).max_bijlage_bytes
    gecontroleerd = bestand_controleren(
        pad, bestandsnaam=bestandsnaam_opschonen(bestandsnaam), max_bytes=max_bytes
    )
    return _opslaan_met_rij(
        pad, lambda naam: maak_rij(naam, _inhoud(gecontroleerd)), bestandsnaam=bestandsnaam
    )


def bewaard_bestand_toevoegen(
    *,
    hulpvraag: Hulpvraag,
    bestandsnaam: str,
    opslagnaam: str,
    inhoud: dict[str, object],
    door: Gebruiker,
    bron: Kanaal,
    documenttype: Documenttype | None = None,
) -> Bijlage:
    """A file checked and stored earlier (`gecontroleerd_bewaren`) becomes an attachment of the
    hulpvraag, without a second upload; the caller removes its own row in this transaction."""
    if not mag_bijlagen_toevoegen(door, hulpvraag):
        raise PermissionDenied
    _documenttype_controleren(hulpvraag, documenttype)
    _geen_dubbele(hulpvraag, str(inhoud["sha256"]))
    return _bijlage_maken(
        hulpvraag=hulpvraag,
        bestandsnaam=bestandsnaam,
        opslagnaam=opslagnaam,
        door=door,
        bron=bron,
        inhoud=inhoud,
        documenttype=documenttype,
    )


def _documenttype_controleren(hulpvraag: Hulpvraag, documenttype: Documenttype | None) -> None:
    if documenttype is not None and (
        documenttype.swv_id != hulpvraag.swv_id or not documenttype.actief
    ):
        raise BijlageGeweigerd(_("Kies een soort document uit de lijst."))


def _bijlage_maken(
    *,
    hulpvraag: Hulpvraag,
    bestandsnaam: str,
    opslagnaam: str,
    door: Gebruiker,
    bron: str,
    inhoud: dict[str, object],
    documenttype: Documenttype | None,
) -> Bijlage:
    bijlage = Bijlage(
        hulpvraag=hulpvraag,
        bestandsnaam=bestandsnaam,
        opslagnaam=opslagnaam,
        toegevoegd_door=door,
        bron=bron,
        documenttype=documenttype,
        **inhoud,
    )
    volledig_controleren(bijlage, validate_constraints=False)
    try:
        with transaction.atomic():
            bijlage.save()
    except IntegrityError:
        # Two uploads of the same content raced past the check: name the one that won.
        _geen_dubbele(hulpvraag, bijlage.sha256)
        raise
    gebeurtenissen.bijlage_toegevoegd(bijlage, door=door)
    return bijlage


def wachtende_bijlage_toevoegen(
    *,
    wachtend: WachtendeBijlage,
    bestandsnaam: str,
    door: Gebruiker,
    documenttype: Documenttype | None = None,
) -> Bijlage:
    """The uploader's answer "Toevoegen" to a warning, perhaps with a better name (R4) and the
    kind of document: the file already stored becomes the attachment; nothing is uploaded
    again."""
    if not mag_wachtende_bijlage_beantwoorden(door, wachtend):
        raise PermissionDenied
    _documenttype_controleren(wachtend.hulpvraag, documenttype)
    documenttype = documenttype or wachtend.documenttype
    naam = _met_extensie(bestandsnaam_opschonen(bestandsnaam), wachtend.bestandsnaam)

    def bijlage(opslagnaam: str) -> Bijlage:
        vergrendeld = (
            WachtendeBijlage.objects.select_for_update()
            .filter(pk=wachtend.pk, verloopt_op__gt=timezone.now())
            .first()
        )
        if vergrendeld is None:
            raise WachtendeBijlageVerlopen
        _geen_dubbele(vergrendeld.hulpvraag, vergrendeld.sha256)
        nieuw = _bijlage_maken(
            hulpvraag=vergrendeld.hulpvraag,
            bestandsnaam=naam,
            opslagnaam=opslagnaam,
            door=door,
            bron=vergrendeld.bron,
            inhoud={
                "soort": vergrendeld.soort,
                "mime": vergrendeld.mime,
                "inline_tonen": vergrendeld.inline_tonen,
                "grootte": vergrendeld.grootte,
                "sha256": vergrendeld.sha256,
            },
            documenttype=documenttype,
        )
        vergrendeld.delete()
        return nieuw

    return _opslaan_met_rij(None, bijlage, naam=wachtend.opslagnaam)


@transaction.atomic
def wachtende_bijlage_afwijzen(*, wachtend: WachtendeBijlage, door: Gebruiker) -> None:
    """ "Niet toevoegen": the waiting file is removed from storage once the row is gone."""
    if not mag_wachtende_bijlage_beantwoorden(door, wachtend):
        raise PermissionDenied
    _wachtende_verwijderen(wachtend)


def _wachtende_verwijderen(wachtend: WachtendeBijlage) -> None:
    opslagnaam = wachtend.opslagnaam
    wachtend.delete()
    transaction.on_commit(lambda: bestand_verwijderen(opslagnaam))


def verlopen_wachtende_bijlagen_verwijderen(*, nu: datetime | None = None) -> int:
    """Waiting files nobody answered in time; each in its own transaction, so one that is being
    answered right now (and is locked) is skipped rather than waited for."""
    nu = nu or timezone.now()
    verwijderd = 0
    for pk in WachtendeBijlage.objects.filter(verloopt_op__lte=nu).values_list("pk", flat=True):
        with transaction.atomic():
            wachtend = (
                WachtendeBijlage.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, verloopt_op__lte=nu)
                .first()
            )
            if wachtend is not None:
                _wachtende_verwijderen(wachtend)
                verwijderd += 1
    return verwijderd


@transaction.atomic
def bijlage_verwijderen(*, bijlage: Bijlage, door: Gebruiker, reden: str) -> Bijlageverwijdering:
    """Removes an attachment: the school while the SWV cannot see the hulpvraag yet, afterwards
    SWV staff. Once the SWV could see it or opened it, a reason is needed and the SWV keeps
    seeing the removal. The removal is recorded; the file leaves storage after the commit."""
    hulpvraag = bijlage.hulpvraag
    if not mag_bijlage_verwijderen(door, hulpvraag):
        raise PermissionDenied
    reden = reden.strip()
    gezien_door_swv = reden_verplicht_bij_verwijderen(bijlage)
    if gezien_door_swv and not reden:
        raise ValidationError({"reden": REDEN_VERPLICHT})
    verwijdering = Bijlageverwijdering(
        hulpvraag=hulpvraag,
        bijlage_id=bijlage.pk,
        bestandsnaam=bijlage.bestandsnaam,
        sha256=bijlage.sha256,
        grootte=bijlage.grootte,
        toegevoegd_op=bijlage.toegevoegd_op,
        toegevoegd_door_id=bijlage.toegevoegd_door_id,
        verwijderd_door=door,
        reden=reden,
        zichtbaar_voor_swv=gezien_door_swv,
    )
    verwijdering.full_clean()
    verwijdering.save()
    gebeurtenissen.bijlage_verwijderd(bijlage, door=door)
    opslagnaam = bijlage.opslagnaam
    bijlage.delete()
    transaction.on_commit(lambda: bestand_verwijderen(opslagnaam))
    return verwijdering


def wezen_verwijderen(*, ouder_dan: timedelta) -> int:
    """Stored files that no row names: left by a crash between storing and committing, or by a
    removal whose file delete failed. Only files older than `ouder_dan`, so an upload still in
    flight (stored, not yet committed) is never touched; only names this app makes."""
    grens = timezone.now() - ouder_dan
    try:
        _, namen = opslag().listdir("")
    except FileNotFoundError:  # the local folder is made with the first upload
        return 0
    verwijderd = 0
    eigen = [naam for naam in namen if OPSLAGNAAM.fullmatch(naam)]
    for begin in range(0, len(eigen), 500):
        deel = eigen[begin : begin + 500]
        bekend = (
            set(Bijlage.objects.filter(opslagnaam__in=deel).values_list("opslagnaam", flat=True))
            | set(
                WachtendeBijlage.objects.filter(opslagnaam__in=deel).values_list(
                    "opslagnaam", flat=True
                )
            )
            | namen_van_eigenaren(deel)
        )
        for naam in deel:
            if naam not in bekend and opslag().get_modified_time(naam) < grens:
                bestand_verwijderen(naam)
                verwijderd += 1
    return verwijderd
