"""The access log's events (P2, NEN 7513): one function per event, as Open Formulieren's
`logging/logevent.py`. Views call the reads, services the changes, inside the change's own
transaction, so a change never exists without its row. None of them needs a request: where the
read or change came from is the request context (`audit.context`), empty in a task.

The objects are passed in as they are; this app sits below the apps that define them, so it
knows them only by the attributes it reads (ids, never content).
"""

from collections.abc import Iterable
from typing import Any, Protocol

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten
from passend.audit.context import huidige_context
from passend.audit.models import Aanmelding, Beheerhandeling, Inzage

Actie = Inzage.Actie
Objecttype = Inzage.Objecttype


class _Leerling(Protocol):
    @property
    def pk(self) -> Any: ...


class _Hulpvraag(Protocol):
    @property
    def referentie(self) -> str: ...
    @property
    def leerling_id(self) -> int: ...


class _Schoolgegevens(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def leerling_id(self) -> int: ...


class _Bijlage(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def hulpvraag(self) -> _Hulpvraag: ...


def _vastleggen(
    *,
    gebeurtenis: str,
    door: Gebruiker,
    actie: str,
    objecttype: str,
    object_id: object,
    leerling_id: int | None = None,
    details: dict[str, Any] | None = None,
    grondslag: str | None = None,
) -> Inzage:
    """The actor's SWV, roles and grounds come from the account (read with its SWV); a read
    through an overlegronde names the round as its grounds instead."""
    context = huidige_context()
    feiten = rolfeiten(door)
    return Inzage.objects.create(
        swv_code=door.swv.code,
        gebruiker_id=door.pk,
        gebruikersnaam=door.gebruikersnaam,
        rollen=",".join(sorted(feiten.rolcodes)),
        grondslag=grondslag or feiten.grondslag,
        gebeurtenis=gebeurtenis,
        actie=actie,
        objecttype=objecttype,
        object_id=str(object_id),
        leerling_id=leerling_id,
        client_adres=context.client_adres,
        user_agent=context.user_agent,
        request_id=context.request_id,
        namens=context.namens,
        systeem=context.systeem,
        details={k: v for k, v in (details or {}).items() if v is not None},
    )


# --- Pupils (dossiers) --------------------------------------------------------------------------


def leerlingen_gezocht(leerlingen: Iterable[_Leerling], *, door: Gebruiker) -> Inzage:
    """R13: a search by name; the pupils it showed, by id."""
    return _vastleggen(
        gebeurtenis="leerlingen_gezocht",
        door=door,
        actie=Actie.GEZOCHT,
        objecttype=Objecttype.LEERLING,
        object_id="zoeken",
        details={"leerlingen": [leerling.pk for leerling in leerlingen]},
    )


def leerling_bekeken(leerling: _Leerling, *, door: Gebruiker, **details: str | None) -> Inzage:
    """A dossier page (a tab, or a form that shows the pupil's name)."""
    return _leerling(leerling, "leerling_bekeken", Actie.BEKEKEN, door, details)


def leerling_aangemaakt(leerling: _Leerling, *, door: Gebruiker) -> Inzage:
    return _leerling(leerling, "leerling_aangemaakt", Actie.AANGEMAAKT, door, {})


def leerling_gewijzigd(leerling: _Leerling, *, door: Gebruiker, **details: str | None) -> Inzage:
    """Basisgegevens, an address or schoolgegevens changed or added; `details` says which."""
    return _leerling(leerling, "leerling_gewijzigd", Actie.GEWIJZIGD, door, details)


def _leerling(
    leerling: _Leerling, gebeurtenis: str, actie: str, door: Gebruiker, details: dict[str, Any]
) -> Inzage:
    return _vastleggen(
        gebeurtenis=gebeurtenis,
        door=door,
        actie=actie,
        objecttype=Objecttype.LEERLING,
        object_id=leerling.pk,
        leerling_id=leerling.pk,
        details=details,
    )


def schoolgegevens_gewijzigd(
    schoolgegevens: _Schoolgegevens,
    *,
    door: Gebruiker,
    aanvrager_van: int | None = None,
    aanvrager_naar: int | None = None,
) -> Inzage:
    """R46: aanvrager, contactpersoon, e-mail or telephone of the school changed; R44: a new
    aanvrager with the account ids before and after."""
    return _vastleggen(
        gebeurtenis="schoolgegevens_gewijzigd",
        door=door,
        actie=Actie.GEWIJZIGD,
        objecttype=Objecttype.LEERLING,
        object_id=schoolgegevens.leerling_id,
        leerling_id=schoolgegevens.leerling_id,
        details={
            "schoolgegevens": schoolgegevens.pk,
            "aanvrager_van": aanvrager_van,
            "aanvrager_naar": aanvrager_naar,
        },
    )


# --- Hulpvragen ---------------------------------------------------------------------------------


def hulpvraag_bekeken(hulpvraag: _Hulpvraag, *, door: Gebruiker, **details: str | None) -> Inzage:
    """The detail page, the Statushistorie, or a form that shows the hulpvraag (`scherm`)."""
    return _hulpvraag(hulpvraag, "hulpvraag_bekeken", Actie.BEKEKEN, door, details)


def hulpvraag_aangemaakt(hulpvraag: _Hulpvraag, *, door: Gebruiker) -> Inzage:
    return _hulpvraag(hulpvraag, "hulpvraag_aangemaakt", Actie.AANGEMAAKT, door, {})


def status_gewijzigd(
    hulpvraag: _Hulpvraag, *, door: Gebruiker, van: object, naar: object
) -> Inzage:
    """R22: the status names, as the Statushistorie shows them."""
    return _hulpvraag(
        hulpvraag,
        "status_gewijzigd",
        Actie.GEWIJZIGD,
        door,
        {"van": str(van) if van is not None else None, "status": str(naar)},
    )


def behandeling_gewijzigd(hulpvraag: _Hulpvraag, *, door: Gebruiker) -> Inzage:
    """R32: coördinator and labels."""
    return _hulpvraag(
        hulpvraag, "behandeling_gewijzigd", Actie.GEWIJZIGD, door, {"scherm": "behandeling"}
    )


def aanvrager_overgedragen(
    hulpvraag: _Hulpvraag, *, door: Gebruiker, van: int, naar: int
) -> Inzage:
    """R44: the staff change moved the hulpvraag's aanvrager, contactpersoon and e-mail from
    account `van` to account `naar` (ids)."""
    return _hulpvraag(
        hulpvraag,
        "aanvrager_overgedragen",
        Actie.GEWIJZIGD,
        door,
        {"scherm": "personeelswissel", "van": van, "naar": naar},
    )


def formulier_overgedragen(
    hulpvraag: _Hulpvraag,
    *,
    door: Gebruiker,
    formulier: str,
    vragen: Iterable[str],
    van: int,
    naar: int,
) -> Inzage:
    """R44: the staff change made account `naar` the bevoegd gezag of an unfinished form (and
    the answer of its account questions `vragen`) in place of account `van` (ids)."""
    return _hulpvraag(
        hulpvraag,
        "formulier_overgedragen",
        Actie.GEWIJZIGD,
        door,
        {
            "scherm": "personeelswissel",
            "formulier": formulier,
            "vragen": sorted(vragen),
            "van": van,
            "naar": naar,
        },
    )


def formulier_bekeken(hulpvraag: _Hulpvraag, *, door: Gebruiker, formulier: str) -> Inzage:
    """A filled form (R24), read on screen or downloaded; `formulier` is the definition's code."""
    return _hulpvraag(hulpvraag, "formulier_bekeken", Actie.BEKEKEN, door, {"formulier": formulier})


def formulier_gedownload(hulpvraag: _Hulpvraag, *, door: Gebruiker, formulier: str) -> Inzage:
    """A filled form or decision downloaded as PDF (R24)."""
    return _hulpvraag(
        hulpvraag, "formulier_gedownload", Actie.BEKEKEN, door, {"formulier": formulier}
    )


def formulier_gewijzigd(
    hulpvraag: _Hulpvraag, *, door: Gebruiker, formulier: str, vragen: Iterable[str]
) -> Inzage:
    """The codes of the questions answered, never the answers."""
    return _hulpvraag(
        hulpvraag,
        "formulier_gewijzigd",
        Actie.GEWIJZIGD,
        door,
        {"formulier": formulier, "vragen": sorted(vragen)},
    )


def formulier_ondertekend(
    hulpvraag: _Hulpvraag, *, door: Gebruiker, formulier: str, vraag: str
) -> Inzage:
    return _hulpvraag(
        hulpvraag,
        "formulier_ondertekend",
        Actie.GEWIJZIGD,
        door,
        {"formulier": formulier, "vraag": vraag},
    )


def ondertekening_ingetrokken(
    hulpvraag: _Hulpvraag, *, door: Gebruiker, formulier: str, vraag: str
) -> Inzage:
    return _hulpvraag(
        hulpvraag,
        "ondertekening_ingetrokken",
        Actie.GEWIJZIGD,
        door,
        {"formulier": formulier, "vraag": vraag},
    )


def _hulpvraag(
    hulpvraag: _Hulpvraag,
    gebeurtenis: str,
    actie: str,
    door: Gebruiker,
    details: dict[str, Any],
) -> Inzage:
    return _vastleggen(
        gebeurtenis=gebeurtenis,
        door=door,
        actie=actie,
        objecttype=Objecttype.HULPVRAAG,
        object_id=hulpvraag.referentie,
        leerling_id=hulpvraag.leerling_id,
        details=details,
    )


def hulpvragen_getoond(
    hulpvragen: Iterable[_Hulpvraag], *, door: Gebruiker, **details: str | None
) -> Inzage | None:
    """A list page shows pupils' names, so its hulpvragen are logged as seen; an empty page
    shows none and writes nothing."""
    referenties = [hulpvraag.referentie for hulpvraag in hulpvragen]
    if not referenties:
        return None
    return _vastleggen(
        gebeurtenis="hulpvragen_getoond",
        door=door,
        actie=Actie.LIJST,
        objecttype=Objecttype.HULPVRAAG,
        object_id="lijst",
        details={"hulpvragen": referenties, **details},
    )


def hulpvragen_geexporteerd(*, door: Gebruiker, filter: str, aantal: int) -> Inzage:
    """The overview as CSV: who, with which filter, how many rows."""
    return _vastleggen(
        gebeurtenis="hulpvragen_geexporteerd",
        door=door,
        actie=Actie.LIJST,
        objecttype=Objecttype.HULPVRAAG,
        object_id="export",
        details={"export": "csv", "filter": filter, "aantal": aantal},
    )


# --- Attachments --------------------------------------------------------------------------------


def bijlagen_getoond(
    hulpvraag: _Hulpvraag, bijlagen: Iterable[_Bijlage], *, door: Gebruiker
) -> Inzage:
    """R52: the attachments screen, with the ids of the files on the page."""
    return _vastleggen(
        gebeurtenis="bijlagen_getoond",
        door=door,
        actie=Actie.LIJST,
        objecttype=Objecttype.BIJLAGE,
        object_id="lijst",
        leerling_id=hulpvraag.leerling_id,
        details={"hulpvraag": hulpvraag.referentie, "bijlagen": [b.pk for b in bijlagen]},
    )


def bijlage_bekeken(bijlage: _Bijlage, *, door: Gebruiker, **details: str | None) -> Inzage:
    """Opened, downloaded (`wijze`), or shown on a page such as the removal question."""
    return _bijlage(bijlage, "bijlage_bekeken", Actie.BEKEKEN, door, details)


def bijlage_toegevoegd(bijlage: _Bijlage, *, door: Gebruiker) -> Inzage:
    return _bijlage(bijlage, "bijlage_toegevoegd", Actie.AANGEMAAKT, door, {})


def bijlage_verwijderd(bijlage: _Bijlage, *, door: Gebruiker) -> Inzage:
    return _bijlage(bijlage, "bijlage_verwijderd", Actie.VERWIJDERD, door, {})


def _bijlage(
    bijlage: _Bijlage, gebeurtenis: str, actie: str, door: Gebruiker, details: dict[str, Any]
) -> Inzage:
    hulpvraag = bijlage.hulpvraag
    return _vastleggen(
        gebeurtenis=gebeurtenis,
        door=door,
        actie=actie,
        objecttype=Objecttype.BIJLAGE,
        object_id=bijlage.pk,
        leerling_id=hulpvraag.leerling_id,
        details={"hulpvraag": hulpvraag.referentie, **details},
    )


# --- Overlegrondes ------------------------------------------------------------------------------
# Every row's grounds is the round ("overlegronde OR-000012"): a participant sees the pupil's
# data only because of it (P2).


class _Overlegronde(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def referentie(self) -> str: ...
    @property
    def hulpvraag(self) -> _Hulpvraag: ...


def _grondslag(overlegronde: _Overlegronde) -> str:
    return f"overlegronde {overlegronde.referentie}"


def _overlegronde(
    overlegronde: _Overlegronde,
    gebeurtenis: str,
    actie: str,
    door: Gebruiker,
    details: dict[str, Any],
    objecttype: str = Objecttype.OVERLEGRONDE,
    object_id: object = None,
) -> Inzage:
    hulpvraag = overlegronde.hulpvraag
    return _vastleggen(
        gebeurtenis=gebeurtenis,
        door=door,
        actie=actie,
        objecttype=objecttype,
        object_id=overlegronde.referentie if object_id is None else object_id,
        leerling_id=hulpvraag.leerling_id,
        details={"hulpvraag": hulpvraag.referentie, "overlegronde": overlegronde.pk, **details},
        grondslag=_grondslag(overlegronde),
    )


def overlegronde_bekeken(
    overlegronde: _Overlegronde, *, door: Gebruiker, **details: str | None
) -> Inzage:
    """The round's page or its dossier (`scherm`)."""
    return _overlegronde(overlegronde, "overlegronde_bekeken", Actie.BEKEKEN, door, details)


def overlegrondes_getoond(
    overlegrondes: Iterable[_Overlegronde], *, door: Gebruiker
) -> Inzage | None:
    """The list of rounds (their onderwerp and hulpvraag); an empty list writes nothing."""
    referenties = [overlegronde.referentie for overlegronde in overlegrondes]
    if not referenties:
        return None
    return _vastleggen(
        gebeurtenis="overlegrondes_getoond",
        door=door,
        actie=Actie.LIJST,
        objecttype=Objecttype.OVERLEGRONDE,
        object_id="lijst",
        details={"overlegrondes": referenties},
    )


def overlegronde_aangemaakt(overlegronde: _Overlegronde, *, door: Gebruiker) -> Inzage:
    return _overlegronde(overlegronde, "overlegronde_aangemaakt", Actie.AANGEMAAKT, door, {})


def overlegronde_gewijzigd(
    overlegronde: _Overlegronde, *, door: Gebruiker, **details: str | None
) -> Inzage:
    """The dates changed (an extension), or the round closed early: old and new dates."""
    return _overlegronde(overlegronde, "overlegronde_gewijzigd", Actie.GEWIJZIGD, door, details)


def deelnemer_toegevoegd(
    overlegronde: _Overlegronde, *, door: Gebruiker, deelnemer_id: int
) -> Inzage:
    return _overlegronde(
        overlegronde, "deelnemer_toegevoegd", Actie.GEWIJZIGD, door, {"deelnemer": deelnemer_id}
    )


def reactie_toegevoegd(overlegronde: _Overlegronde, *, door: Gebruiker, reactie_id: int) -> Inzage:
    return _overlegronde(
        overlegronde, "reactie_toegevoegd", Actie.AANGEMAAKT, door, {"reactie": reactie_id}
    )


def overlegronde_overgedragen(
    overlegronde: _Overlegronde,
    *,
    door: Gebruiker,
    rollen: Iterable[str],
    van: int,
    naar: int,
) -> Inzage:
    """R44: the staff change put account `naar` in place of account `van` (ids) as the round's
    starter and/or participant (`rollen`). The administrator acts on its own grounds, not the
    round's."""
    hulpvraag = overlegronde.hulpvraag
    return _vastleggen(
        gebeurtenis="overlegronde_overgedragen",
        door=door,
        actie=Actie.GEWIJZIGD,
        objecttype=Objecttype.OVERLEGRONDE,
        object_id=overlegronde.referentie,
        leerling_id=hulpvraag.leerling_id,
        details={
            "scherm": "personeelswissel",
            "hulpvraag": hulpvraag.referentie,
            "overlegronde": overlegronde.pk,
            "rollen": list(rollen),
            "van": van,
            "naar": naar,
        },
    )


def overlegronde_bijlage_bekeken(
    overlegronde: _Overlegronde, *, door: Gebruiker, bijlage_id: int, soort: str
) -> Inzage:
    """A shared attachment (`soort` "gedeeld") or a reaction's file ("reactie") downloaded
    through the round."""
    return _overlegronde(
        overlegronde,
        "overlegronde_bijlage_bekeken",
        Actie.BEKEKEN,
        door,
        {"soort": soort, "wijze": "downloaden"},
        objecttype=Objecttype.BIJLAGE,
        object_id=bijlage_id,
    )


# --- SWV-beheer: accounts (R42-R44, B11) ---------------------------------------------------------
# Account changes are not pupil data: they go to the beheerlog (Beheerhandeling), with the
# values before and after, never to a pupil's access log.


def _beheer(
    *,
    gebeurtenis: str,
    door: Gebruiker,
    account: Any,
    voor: dict[str, Any] | None = None,
    na: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
    objecttype: str = "gebruiker",
) -> Beheerhandeling:
    context = huidige_context()
    return Beheerhandeling.objects.create(
        swv_code=door.swv.code,
        gebruiker_id=door.pk,
        gebruikersnaam=door.gebruikersnaam,
        gebeurtenis=gebeurtenis,
        objecttype=objecttype,
        object_id=str(account.pk),
        voor=voor or {},
        na=na or {},
        details={k: v for k, v in (details or {}).items() if v is not None},
        client_adres=context.client_adres,
        user_agent=context.user_agent,
        request_id=context.request_id,
    )


def account_uitgenodigd(
    account: Gebruiker, *, door: Gebruiker, na: dict[str, Any]
) -> Beheerhandeling:
    """B11: a new account, with an activation link mailed to it."""
    return _beheer(gebeurtenis="account_uitgenodigd", door=door, account=account, na=na)


def account_gewijzigd(
    account: Gebruiker, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """Name, e-mail, roles or schools."""
    return _beheer(gebeurtenis="account_gewijzigd", door=door, account=account, voor=voor, na=na)


def account_deactivering_gepland(
    account: Gebruiker, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """The day the account stops; today switches it off at once and ends its sessions."""
    return _beheer(
        gebeurtenis="account_deactivering_gepland", door=door, account=account, voor=voor, na=na
    )


def account_gedeactiveerd(account: Gebruiker, *, door: Gebruiker) -> Beheerhandeling:
    """The account was switched off (at once, or on its planned day by `door`'s plan)."""
    return _beheer(
        gebeurtenis="account_gedeactiveerd",
        door=door,
        account=account,
        voor={"actief": True},
        na={"actief": False},
    )


def authenticator_hersteld(
    account: Gebruiker, *, door: Gebruiker, gecontroleerd_door: str, controle: str
) -> Beheerhandeling:
    """B11: the old authenticator removed after a recorded identity check (who checked, how);
    a single-use link to enrol a new one was mailed."""
    _aanmelding(
        gebeurtenis=Aanmelding.Gebeurtenis.TWEEDE_FACTOR_HERSTELD,
        swv_code=account.swv.code,
        account=account,
        details={"door": door.gebruikersnaam},
    )
    return _beheer(
        gebeurtenis="authenticator_hersteld",
        door=door,
        account=account,
        voor={"authenticator": True},
        na={"authenticator": False},
        details={"gecontroleerd_door": gecontroleerd_door, "identiteitscontrole": controle},
    )


def personeelswissel_uitgevoerd(
    vertrekkend: Gebruiker, *, door: Gebruiker, nieuw: Gebruiker, aantallen: dict[str, int]
) -> Beheerhandeling:
    """R44: the open work of a leaving account moved to another in one action."""
    return _beheer(
        gebeurtenis="personeelswissel_uitgevoerd",
        door=door,
        account=vertrekkend,
        voor={"account": vertrekkend.pk},
        na={"account": nieuw.pk},
        details=aantallen,
    )


# --- SWV-beheer: schools through their life (R45) ----------------------------------------------


def school_gewijzigd(
    school: Any,
    *,
    door: Gebruiker,
    gebeurtenis: str,
    voor: dict[str, Any],
    na: dict[str, Any],
) -> Beheerhandeling:
    """A school added, renamed, recoded, moved to another regio or bestuur, closed, reopened
    or merged into another school (`gebeurtenis`: school_aangemaakt, school_gewijzigd,
    school_gesloten, school_heropend, school_samengevoegd)."""
    return _beheer(
        gebeurtenis=gebeurtenis, door=door, account=school, voor=voor, na=na, objecttype="school"
    )


def scholen_geexporteerd(*, door: Gebruiker, aantal: int) -> Beheerhandeling:
    """R45: the SWV's school list downloaded as CSV (no personal data), with how many rows."""
    return _beheer(
        gebeurtenis="scholen_geexporteerd",
        door=door,
        account=door.swv,
        details={"export": "csv", "aantal": aantal},
        objecttype="scholenlijst",
    )


def bestuur_gewijzigd(
    bestuur: Any, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """R33: a bestuur's verwerkersovereenkomst dates (signed on, ends on) changed."""
    return _beheer(
        gebeurtenis="bestuur_gewijzigd",
        door=door,
        account=bestuur,
        voor=voor,
        na=na,
        objecttype="bestuur",
    )


# --- Retention (B9) ------------------------------------------------------------------------------
# In the beheerlog: the numbers and the hold are no pupil data; a run names what it removed by
# reference and id only, never content.


def bewaartermijnen_gewijzigd(
    swv: Any, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """The SWV's retention terms (per kind, in months or years) or its review setting."""
    return _beheer(
        gebeurtenis="bewaartermijnen_gewijzigd",
        door=door,
        account=swv,
        voor=voor,
        na=na,
        objecttype="bewaartermijnen",
    )


def bewaarplicht_gewijzigd(
    leerling: _Leerling, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """A legal hold on a pupil set or cleared; before and after say whether it was on (the
    reason stays on the hold, not in the log, as it may describe the pupil)."""
    return _beheer(
        gebeurtenis="bewaarplicht_gewijzigd",
        door=door,
        account=leerling,
        voor=voor,
        na=na,
        objecttype="leerling",
    )


def proefronde_beoordeeld(
    swv: Any, *, door: Gebruiker, aantallen: dict[str, int], vingerafdruk: str
) -> Beheerhandeling:
    """The dry run's list was reviewed: the removal may take what it listed."""
    return _beheer(
        gebeurtenis="proefronde_beoordeeld",
        door=door,
        account=swv,
        details={**aantallen, "vingerafdruk": vingerafdruk},
        objecttype="bewaarronde",
    )


def _systeem_beheer(
    swv: Any, *, gebeurtenis: str, door: Gebruiker | None, details: dict[str, Any]
) -> Beheerhandeling:
    """A retention run is usually the periodic job: no account, so the system is named."""
    if door is not None:
        return _beheer(
            gebeurtenis=gebeurtenis,
            door=door,
            account=swv,
            details=details,
            objecttype="bewaarronde",
        )
    context = huidige_context()
    return Beheerhandeling.objects.create(
        swv_code=swv.code,
        gebruiker_id=None,
        gebruikersnaam="passend (periodiek)",
        gebeurtenis=gebeurtenis,
        objecttype="bewaarronde",
        object_id=str(swv.pk),
        details={k: v for k, v in details.items() if v is not None},
        client_adres=context.client_adres,
        user_agent=context.user_agent,
        request_id=context.request_id,
    )


def bewaarronde_uitgevoerd(
    swv: Any,
    *,
    door: Gebruiker | None,
    aantallen: dict[str, int],
    hulpvragen: dict[str, list[str]],
    leerlingen: list[int],
) -> Beheerhandeling:
    """B9: what a retention run removed: counts per kind, the hulpvragen by reference, the
    pupils by id."""
    return _systeem_beheer(
        swv,
        gebeurtenis="bewaarronde_uitgevoerd",
        door=door,
        details={**aantallen, "hulpvragen": hulpvragen, "leerlingen": leerlingen},
    )


def bewaarronde_overgeslagen(swv: Any, *, door: Gebruiker | None, reden: str) -> Beheerhandeling:
    """B9: the run did not remove anything, and why (e.g. no reviewed dry run)."""
    return _systeem_beheer(
        swv, gebeurtenis="bewaarronde_overgeslagen", door=door, details={"reden": reden}
    )


# --- SWV-beheer: processes as data (issue 16 item 6; R19-R22, R29-R31) -------------------------
# Configuration, not pupil data: the beheerlog, with the values before and after (codes, never
# a hulpvraag's content).


def _configuratie(
    *,
    gebeurtenis: str,
    door: Gebruiker,
    rij: Any,
    objecttype: str,
    voor: dict[str, Any] | None = None,
    na: dict[str, Any] | None = None,
) -> Beheerhandeling:
    return _beheer(
        gebeurtenis=gebeurtenis, door=door, account=rij, voor=voor, na=na, objecttype=objecttype
    )


def proces_aangemaakt(proces: Any, *, door: Gebruiker, na: dict[str, Any]) -> Beheerhandeling:
    return _configuratie(
        gebeurtenis="proces_aangemaakt", door=door, rij=proces, objecttype="proces", na=na
    )


def proces_gewijzigd(
    proces: Any, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """A process's name or behandelende functie."""
    return _configuratie(
        gebeurtenis="proces_gewijzigd", door=door, rij=proces, objecttype="proces", voor=voor, na=na
    )


def processtatus_aangemaakt(status: Any, *, door: Gebruiker, na: dict[str, Any]) -> Beheerhandeling:
    """A status added to a process (with the transitions that lead to it and from it)."""
    return _configuratie(
        gebeurtenis="processtatus_aangemaakt", door=door, rij=status, objecttype="status", na=na
    )


def processtatus_gewijzigd(
    status: Any, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """A status's name, number, flags or the instruction text of its mail."""
    return _configuratie(
        gebeurtenis="processtatus_gewijzigd",
        door=door,
        rij=status,
        objecttype="status",
        voor=voor,
        na=na,
    )


def processtatus_verwijderd(
    status: Any, *, door: Gebruiker, voor: dict[str, Any]
) -> Beheerhandeling:
    """A status no hulpvraag ever had, removed with its transitions."""
    return _configuratie(
        gebeurtenis="processtatus_verwijderd", door=door, rij=status, objecttype="status", voor=voor
    )


def statusovergang_aangemaakt(
    overgang: Any, *, door: Gebruiker, na: dict[str, Any]
) -> Beheerhandeling:
    return _configuratie(
        gebeurtenis="statusovergang_aangemaakt",
        door=door,
        rij=overgang,
        objecttype="statusovergang",
        na=na,
    )


def statusovergang_gewijzigd(
    overgang: Any, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """Who may make a transition, its conditions, or its ends; applies to the next change."""
    return _configuratie(
        gebeurtenis="statusovergang_gewijzigd",
        door=door,
        rij=overgang,
        objecttype="statusovergang",
        voor=voor,
        na=na,
    )


def statusovergang_verwijderd(
    overgang: Any, *, door: Gebruiker, voor: dict[str, Any]
) -> Beheerhandeling:
    """The statushistorie keeps its rows: they name statuses, not transitions."""
    return _configuratie(
        gebeurtenis="statusovergang_verwijderd",
        door=door,
        rij=overgang,
        objecttype="statusovergang",
        voor=voor,
    )


def hulpvraagtitel_aangemaakt(
    titel: Any, *, door: Gebruiker, na: dict[str, Any]
) -> Beheerhandeling:
    return _configuratie(
        gebeurtenis="hulpvraagtitel_aangemaakt",
        door=door,
        rij=titel,
        objecttype="hulpvraagtitel",
        na=na,
    )


def hulpvraagtitel_gewijzigd(
    titel: Any, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """A title's name, process, beginstatus, regions, order, or actief (retired)."""
    return _configuratie(
        gebeurtenis="hulpvraagtitel_gewijzigd",
        door=door,
        rij=titel,
        objecttype="hulpvraagtitel",
        voor=voor,
        na=na,
    )


def instelling_aangemaakt(
    rij: Any, *, door: Gebruiker, objecttype: str, na: dict[str, Any]
) -> Beheerhandeling:
    """A row of the SWV's configuration added on an SWV-beheer screen (a label, a document
    type, an API client...); `objecttype` names which."""
    return _configuratie(
        gebeurtenis="instelling_aangemaakt", door=door, rij=rij, objecttype=objecttype, na=na
    )


def instelling_gewijzigd(
    rij: Any, *, door: Gebruiker, objecttype: str, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    return _configuratie(
        gebeurtenis="instelling_gewijzigd",
        door=door,
        rij=rij,
        objecttype=objecttype,
        voor=voor,
        na=na,
    )


def instelling_verwijderd(
    rij: Any, *, door: Gebruiker, objecttype: str, voor: dict[str, Any]
) -> Beheerhandeling:
    return _configuratie(
        gebeurtenis="instelling_verwijderd", door=door, rij=rij, objecttype=objecttype, voor=voor
    )


def bericht_opnieuw_verstuurd(
    bericht: Any, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """A mail of the SWV's outbox offered again from SWV-beheer (issue 16 item 1): its state and
    attempts before and after, never its text or addresses."""
    return _configuratie(
        gebeurtenis="bericht_opnieuw_verstuurd",
        door=door,
        rij=bericht,
        objecttype="bericht",
        voor=voor,
        na=na,
    )


# --- Inzagerecht: the pupil export (B10) and parents' inzage (R14) ------------------------------
# A parent's reads name the parent's grounds ("ouder van de leerling"), not a role's.

GRONDSLAG_OUDER = "ouder van de leerling"


def leerling_geexporteerd(leerling: _Leerling, *, door: Gebruiker, **details: Any) -> Inzage:
    """B10: everything on one pupil as one ZIP; `details` gives counts, never content."""
    return _leerling(leerling, "leerling_geexporteerd", Actie.BEKEKEN, door, details)


def ouder_uitgenodigd(leerling: _Leerling, *, door: Gebruiker, ouderinzage: int) -> Inzage:
    """R14: a parent got inzage in the pupil's file (the Ouderinzage row's id)."""
    return _leerling(
        leerling, "ouder_uitgenodigd", Actie.GEWIJZIGD, door, {"ouderinzage": ouderinzage}
    )


def ouderinzage_ingetrokken(leerling: _Leerling, *, door: Gebruiker, ouderinzage: int) -> Inzage:
    return _leerling(
        leerling, "ouderinzage_ingetrokken", Actie.GEWIJZIGD, door, {"ouderinzage": ouderinzage}
    )


def bijlage_delen_met_ouders_gewijzigd(
    bijlage: _Bijlage, *, door: Gebruiker, gedeeld: bool
) -> Inzage:
    """An attachment marked as shareable with the pupil's parents, or the mark taken off."""
    return _bijlage(
        bijlage,
        "bijlage_delen_met_ouders_gewijzigd",
        Actie.GEWIJZIGD,
        door,
        {"gedeeld": "ja" if gedeeld else "nee"},
    )


def ouder_leerling_bekeken(leerling: _Leerling, *, door: Gebruiker, scherm: str) -> Inzage:
    """A parent's page about their child: the start page, or the child's hulpvragen with the
    "wie heeft dit gezien" timeline."""
    return _vastleggen(
        gebeurtenis="ouder_leerling_bekeken",
        door=door,
        actie=Actie.BEKEKEN,
        objecttype=Objecttype.LEERLING,
        object_id=leerling.pk,
        leerling_id=leerling.pk,
        details={"scherm": scherm},
        grondslag=GRONDSLAG_OUDER,
    )


def ouder_hulpvraag_bekeken(hulpvraag: _Hulpvraag, *, door: Gebruiker) -> Inzage:
    return _vastleggen(
        gebeurtenis="ouder_hulpvraag_bekeken",
        door=door,
        actie=Actie.BEKEKEN,
        objecttype=Objecttype.HULPVRAAG,
        object_id=hulpvraag.referentie,
        leerling_id=hulpvraag.leerling_id,
        grondslag=GRONDSLAG_OUDER,
    )


def ouder_bijlage_bekeken(bijlage: _Bijlage, *, door: Gebruiker) -> Inzage:
    hulpvraag = bijlage.hulpvraag
    return _vastleggen(
        gebeurtenis="ouder_bijlage_bekeken",
        door=door,
        actie=Actie.BEKEKEN,
        objecttype=Objecttype.BIJLAGE,
        object_id=bijlage.pk,
        leerling_id=hulpvraag.leerling_id,
        details={"hulpvraag": hulpvraag.referentie, "wijze": "downloaden"},
        grondslag=GRONDSLAG_OUDER,
    )


# --- SWV-beheer: wijzigingsverzoeken (R44) -------------------------------------------------------


def wijzigingsverzoek_ingediend(
    verzoek: Any, *, door: Gebruiker, na: dict[str, Any]
) -> Beheerhandeling:
    """A school filed a request for a staff change or new school data (ids and codes only)."""
    return _beheer(
        gebeurtenis="wijzigingsverzoek_ingediend",
        door=door,
        account=verzoek,
        na=na,
        objecttype="wijzigingsverzoek",
    )


def wijzigingsverzoek_afgehandeld(
    verzoek: Any, *, door: Gebruiker, voor: dict[str, Any], na: dict[str, Any]
) -> Beheerhandeling:
    """The SWV's application administrator marked a request handled, with a note."""
    return _beheer(
        gebeurtenis="wijzigingsverzoek_afgehandeld",
        door=door,
        account=verzoek,
        voor=voor,
        na=na,
        objecttype="wijzigingsverzoek",
    )


# --- Login events (ASVS V7.2.1; shown in the audit viewer, B8) ------------------------------
# Connected to Django's and django-axes' signals in `audit.aanmeldingen`. Never a password or a
# code; a name that is no account is stored as "onbekend account", not as typed.


def _aanmelding(
    *,
    gebeurtenis: str,
    swv_code: str,
    account: Gebruiker | None,
    details: dict[str, Any] | None = None,
) -> Aanmelding:
    context = huidige_context()
    return Aanmelding.objects.create(
        swv_code=swv_code,
        gebruiker_id=account.pk if account is not None else None,
        gebruikersnaam=account.gebruikersnaam
        if account is not None
        else Aanmelding.ONBEKEND_ACCOUNT,
        gebeurtenis=gebeurtenis,
        client_adres=context.client_adres,
        user_agent=context.user_agent,
        request_id=context.request_id,
        details=details or {},
    )


def aanmelden_gelukt(account: Gebruiker) -> Aanmelding:
    """Both factors accepted."""
    return _aanmelding(
        gebeurtenis=Aanmelding.Gebeurtenis.GELUKT, swv_code=account.swv.code, account=account
    )


def aanmelden_mislukt(*, swv_code: str, account: Gebruiker | None) -> Aanmelding:
    """A wrong password or code; `account` None when the name is no account of the SWV."""
    return _aanmelding(
        gebeurtenis=Aanmelding.Gebeurtenis.MISLUKT, swv_code=swv_code, account=account
    )


def aanmelden_geblokkeerd(*, swv_code: str, account: Gebruiker | None) -> Aanmelding:
    """django-axes locked the account or address out after too many failures."""
    return _aanmelding(
        gebeurtenis=Aanmelding.Gebeurtenis.GEBLOKKEERD, swv_code=swv_code, account=account
    )


# --- The audit viewer (B8): reading the log is logged too -----------------------------------


def auditlog_bekeken(
    *, door: Gebruiker, filter: str, leerling_id: int | None = None, aantal: int
) -> Inzage:
    """The viewer's list (with its filter, and how many rows it found) or one pupil's timeline
    (`leerling_id`): that row then shows in the pupil's own timeline."""
    return _vastleggen(
        gebeurtenis="auditlog_bekeken",
        door=door,
        actie=Actie.BEKEKEN if leerling_id is not None else Actie.GEZOCHT,
        objecttype=Objecttype.INZAGELOG,
        object_id=leerling_id if leerling_id is not None else "zoeken",
        leerling_id=leerling_id,
        details={"filter": filter, "aantal": aantal},
    )


def auditlog_geexporteerd(*, door: Gebruiker, filter: str, aantal: int) -> Inzage:
    """The viewer's selection downloaded as CSV: with which filter, how many rows."""
    return _vastleggen(
        gebeurtenis="auditlog_geexporteerd",
        door=door,
        actie=Actie.LIJST,
        objecttype=Objecttype.INZAGELOG,
        object_id="export",
        details={"export": "csv", "filter": filter, "aantal": aantal},
    )
