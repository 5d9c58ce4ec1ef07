"""Generated data at national scale, for benchmarks and load tests (`manage.py genereer_data`).

Each SWV is written in one transaction, in bulk: PostgreSQL's COPY (tens of thousands of rows a
second), or Django's bulk_create on SQLite. No per-row service: the services check permissions
and send mail, which is what a million rows cannot afford. The data obeys the same rules the
services enforce instead: a status history that follows the process's transitions, the
hulpvraag's status equal to the last history row, references from the year counter.

A generated SWV that already exists is skipped, so a run that was stopped can be repeated.
"""

import random
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts import rollen
from passend.accounts.models import Gebruiker, Rol, Schoolcontactpersoon
from passend.accounts.services import AUTHENTICATOR_NAAM
from passend.core.normalize import zoeksleutel
from passend.dossiers.models import Leerling, Schoolgegevens, naam_samenstellen
from passend.hulpvragen.models import Hulpvraag, Label, Referentieteller, Statuswijziging
from passend.hulpvragen.services import hulpvraagverloop_bijwerken
from passend.organisaties.models import Bestuur, Regio, Samenwerkingsverband, School
from passend.processen.models import Hulpvraagtitel, Status, Statusovergang
from passend.processen.presets import preset_laden, preset_pad
from passend.testdata.namen import (
    ACHTERNAMEN,
    PLAATSEN,
    ROEPNAMEN,
    SCHOOLNAMEN,
    TUSSENVOEGSELS,
)
from passend.testdata.totp import totp_geheim, totp_sleutel

# PO5000 and up: clear of the demo's PO2806 and PO9999.
EERSTE_CODE = 5000
MAX_SWVS = 4999
WACHTWOORD = "Genereer-data-wachtwoord-2026"
REGIOS = ("IJsselmonde", "Noord", "Zuid", "Oost", "West")  # the preset needs IJsselmonde
BESTUREN_PER_SWV = 6
SCHOLEN_PER_SWV = 40
LABELS = ("Spoed", "Herhaalaanvraag", "Zorgplicht", "Jeugdhulp betrokken")
JAREN_TERUG = 5
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# How often a school picks a title; titles not named here weigh 1.
TITELGEWICHT = {
    "Ambulante Begeleiding": 10,
    "TLV -Nieuw": 8,
    "TLV-aanvraag (IJsselmonde)": 8,
    "TLV -Verlenging": 5,
    "Ondersteuningsbudget": 5,
    "Psychodiagnostisch onderzoek": 4,
    "Preventie SCP": 3,
    "Thuiszitter": 2,
}
# Mean days a hulpvraag stays in a status before its next change; others: STANDAARD_DUUR.
STANDAARD_DUUR = 12.0
DUUR_IN_STATUS = {
    "Voorlopige aanmelding": 6.0,
    "Thuiszitter": 100.0,
    "Behandeling loopt": 90.0,
    "Gearrangeerd budget": 120.0,
    "Wacht": 30.0,
}
MAX_STAPPEN = 9
GOEDE_AFLOOP = {"Afgerond", "TLV afgegeven"}


@dataclass(frozen=True)
class GegenereerdAccount:
    swv: str
    gebruikersnaam: str
    rol: str
    school: str = ""

    @property
    def totp_key(self) -> str:
        return totp_sleutel("genereer-data", self.swv, self.gebruikersnaam)

    @property
    def totp_secret(self) -> str:
        return totp_geheim(self.totp_key)

    def als_dict(self) -> dict[str, str]:
        return {
            "organisatie": self.swv,
            "gebruikersnaam": self.gebruikersnaam,
            "wachtwoord": WACHTWOORD,
            "totp_secret": self.totp_secret,
            "rol": self.rol,
            "school": self.school,
        }


@dataclass
class _Proces:
    """One SWV's process configuration, read once: the walk through statuses needs no query."""

    statussen: dict[int, Status]
    volgende: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


def swv_code(nummer: int) -> str:
    return f"PO{EERSTE_CODE + nummer:04d}"


class Generator:
    def __init__(
        self,
        *,
        hulpvragen_per_swv: int,
        seed: int = 2026,
        meld: Callable[[str], None] = lambda tekst: None,
    ) -> None:
        self.hulpvragen_per_swv = hulpvragen_per_swv
        self.random = random.Random(seed)  # noqa: S311  (test data, not secrets)
        self.meld = meld
        self.nu = timezone.now()
        self.wachtwoord_hash = make_password(WACHTWOORD)
        self.rollen = {rol.code: rol for rol in Rol.objects.all()}
        self.postgres = connection.vendor == "postgresql"

    # -- the whole run ---------------------------------------------------------------------------

    def genereer(self, aantal_swvs: int) -> list[GegenereerdAccount]:
        accounts: list[GegenereerdAccount] = []
        for nummer in range(aantal_swvs):
            code = swv_code(nummer)
            if Samenwerkingsverband.objects.filter(code=code).exists():
                self.meld(f"{code} bestaat al; overgeslagen.")
            else:
                self.swv_genereren(nummer)
                self.meld(
                    f"{code}: {self.hulpvragen_per_swv} hulpvragen ({nummer + 1}/{aantal_swvs})"
                )
            accounts += self.accounts(code)
        if self.postgres:
            self._reeksen_bijwerken()
        return accounts

    def accounts(self, code: str) -> list[GegenereerdAccount]:
        """The accounts a benchmark logs in with (each has a TOTP device)."""
        return [
            GegenereerdAccount(code, "scp", rollen.SCHOOLCONTACTPERSOON),
            GegenereerdAccount(code, "coordinator", rollen.COORDINATOR),
            GegenereerdAccount(code, "beheerder", rollen.APPLICATIEBEHEERDER),
            GegenereerdAccount(code, "ib01", rollen.INTERN_BEGELEIDER, school="01"),
        ]

    # -- one SWV ---------------------------------------------------------------------------------

    @transaction.atomic
    def swv_genereren(self, nummer: int) -> None:
        code = swv_code(nummer)
        plaats = PLAATSEN[nummer % len(PLAATSEN)]
        swv = Samenwerkingsverband.objects.create(code=code, naam=f"SWV {plaats} {nummer + 1}")
        regios = Regio.objects.bulk_create([Regio(swv=swv, naam=naam) for naam in REGIOS])
        besturen = Bestuur.objects.bulk_create(
            [
                Bestuur(swv=swv, naam=f"Stichting Onderwijs {plaats} {b + 1}", nummer=f"4{b:04d}")
                for b in range(BESTUREN_PER_SWV)
            ]
        )
        scholen = School.objects.bulk_create(
            [
                School(
                    swv=swv,
                    naam=f"{SCHOOLNAMEN[s % len(SCHOOLNAMEN)]} {s // len(SCHOOLNAMEN) + 1}",
                    code=f"{10 + s:02d}{chr(65 + s % 26)}{chr(65 + s // 26)}00",
                    plaats=plaats,
                    bestuur=besturen[s % len(besturen)],
                    regio=regios[s % len(regios)],
                )
                for s in range(SCHOLEN_PER_SWV)
            ]
        )
        preset_laden(swv=swv, pad=preset_pad("ppo_rotterdam"))
        medewerkers = self._accounts_aanmaken(swv, scholen)
        labels = Label.objects.bulk_create([Label(swv=swv, naam=naam) for naam in LABELS])
        self._hulpvragen_aanmaken(swv, scholen, medewerkers, labels)

    def _accounts_aanmaken(
        self, swv: Samenwerkingsverband, scholen: Sequence[School]
    ) -> dict[str, Gebruiker]:
        """SWV staff by role, and an IB'er per school ("ib01" … "ib40"): the aanvragers."""
        namen = [
            ("scp", rollen.SCHOOLCONTACTPERSOON, None),
            ("coordinator", rollen.COORDINATOR, None),
            ("regiomanager", rollen.REGIOMANAGER, None),
            ("beheerder", rollen.APPLICATIEBEHEERDER, None),
        ] + [
            (f"ib{s + 1:02d}", rollen.INTERN_BEGELEIDER, school) for s, school in enumerate(scholen)
        ]
        gebruikers = Gebruiker.objects.bulk_create(
            [
                Gebruiker(
                    swv=swv,
                    gebruikersnaam=naam,
                    voornaam=self.random.choice(ROEPNAMEN),
                    achternaam=self.random.choice(ACHTERNAMEN),
                    email=f"{naam}@{swv.code.lower()}.generated.passend.nl",
                    password=self.wachtwoord_hash,
                )
                for naam, _rol, _school in namen
            ]
        )
        rol_rijen = Gebruiker.rollen.through
        Gebruiker.rollen.through.objects.bulk_create(
            [
                rol_rijen(gebruiker=gebruiker, rol=self.rollen[rol])
                for gebruiker, (_naam, rol, _school) in zip(gebruikers, namen, strict=True)
            ]
        )
        school_rijen = Gebruiker.scholen.through
        school_rijen.objects.bulk_create(
            [
                school_rijen(gebruiker=gebruiker, school=school)
                for gebruiker, (_naam, _rol, school) in zip(gebruikers, namen, strict=True)
                if school is not None
            ]
        )
        per_naam = {gebruiker.gebruikersnaam: gebruiker for gebruiker in gebruikers}
        Schoolcontactpersoon.objects.bulk_create(
            [Schoolcontactpersoon(school=school, gebruiker=per_naam["scp"]) for school in scholen]
        )
        TOTPDevice.objects.bulk_create(
            [
                TOTPDevice(
                    user=per_naam[account.gebruikersnaam],
                    key=account.totp_key,
                    name=AUTHENTICATOR_NAAM,
                    confirmed=True,
                )
                for account in self.accounts(swv.code)
            ]
        )
        return per_naam

    def _processen(self, swv: Samenwerkingsverband) -> _Proces:
        statussen = {s.pk: s for s in Status.objects.filter(proces__swv=swv)}
        proces = _Proces(statussen=statussen)
        for van_id, naar_id in Statusovergang.objects.filter(proces__swv=swv).values_list(
            "van_id", "naar_id"
        ):
            proces.volgende[van_id].append(naar_id)
        return proces

    def _titels_per_school(
        self, swv: Samenwerkingsverband, scholen: Sequence[School]
    ) -> dict[int, tuple[list[Hulpvraagtitel], list[int]]]:
        titels = list(
            Hulpvraagtitel.objects.filter(swv=swv, actief=True).prefetch_related(
                "alleen_voor_regios", "niet_voor_regios"
            )
        )
        per_school = {}
        for school in scholen:
            passend = [
                titel
                for titel in titels
                if (
                    not titel.alleen_voor_regios.all()
                    or school.regio in titel.alleen_voor_regios.all()
                )
                and school.regio not in titel.niet_voor_regios.all()
            ]
            per_school[school.pk] = (passend, [TITELGEWICHT.get(t.naam, 1) for t in passend])
        return per_school

    def _geschiedenis(self, proces: _Proces, begin: Status, sinds: datetime) -> list[tuple]:
        """(van_id, naar_id, op) rows: a walk along the allowed transitions, mostly forward,
        sometimes back (Dossier incompleet, then Aanmelding again), until a final status or now."""
        rijen: list[tuple] = [(None, begin.pk, sinds)]
        huidig, op = begin, sinds
        for _ in range(MAX_STAPPEN):
            if huidig.eindstatus or not proces.volgende[huidig.pk]:
                break
            duur = DUUR_IN_STATUS.get(huidig.naam, STANDAARD_DUUR)
            op = op + timedelta(days=self.random.expovariate(1 / duur), hours=1)
            if op > self.nu:
                break
            opties = [proces.statussen[pk] for pk in proces.volgende[huidig.pk]]
            gewichten = [self._gewicht(huidig, optie) for optie in opties]
            naar = self.random.choices(opties, gewichten)[0]
            rijen.append((huidig.pk, naar.pk, op))
            huidig = naar
        return rijen

    @staticmethod
    def _gewicht(huidig: Status, naar: Status) -> float:
        """Most requests move on and end well; some go back, a few are refused."""
        if naar.volgorde <= huidig.volgorde:
            return 0.8
        if naar.eindstatus and naar.naam not in GOEDE_AFLOOP:
            return 0.4
        return 5.0

    def _hulpvragen_aanmaken(
        self,
        swv: Samenwerkingsverband,
        scholen: Sequence[School],
        medewerkers: dict[str, Gebruiker],
        labels: Sequence[Label],
    ) -> None:
        proces = self._processen(swv)
        titels = self._titels_per_school(swv, scholen)
        scp, coordinator = medewerkers["scp"], medewerkers["coordinator"]
        vandaag = timezone.localdate()
        dagen = JAREN_TERUG * 365

        # First draw every hulpvraag's moment, so references follow the order of creation.
        momenten = sorted(
            datetime.combine(
                vandaag - timedelta(days=self.random.randrange(dagen)),
                time(self.random.randrange(8, 17), self.random.randrange(60)),
                tzinfo=AMSTERDAM,
            ).astimezone(UTC)
            for _ in range(self.hulpvragen_per_swv)
        )
        momenten = [min(moment, self.nu) for moment in momenten]
        tellers = {t.jaar: t.laatste for t in Referentieteller.objects.select_for_update()}

        volgend_id = {
            model: self._volgend_id(model) for model in (Leerling, Schoolgegevens, Hulpvraag)
        }
        leerlingen, schoolgegevens, hulpvragen, geschiedenis, label_rijen = [], [], [], [], []
        for i, moment in enumerate(momenten):
            s = self.random.randrange(len(scholen))
            school = scholen[s]
            aanvrager = medewerkers[f"ib{s + 1:02d}"]
            datum = moment.astimezone(AMSTERDAM).date()
            leeftijd = self.random.uniform(4.0, 12.9)
            roepnaam = self.random.choice(ROEPNAMEN)
            tussenvoegsel = self.random.choice(TUSSENVOEGSELS)
            achternaam = self.random.choice(ACHTERNAMEN)
            leerling_id = volgend_id[Leerling] + i
            leerlingen.append(
                (
                    leerling_id,
                    swv.pk,
                    roepnaam,
                    tussenvoegsel,
                    achternaam,
                    datum - timedelta(days=int(leeftijd * 365.25)),
                    self.random.choice((1, 2)),
                    "",
                    zoeksleutel(naam_samenstellen(roepnaam, tussenvoegsel, achternaam)),
                    aanvrager.pk,
                    moment,
                )
            )
            sg_id = volgend_id[Schoolgegevens] + i
            schoolgegevens.append(
                (
                    sg_id,
                    leerling_id,
                    school.pk,
                    str(min(8, max(1, int(leeftijd) - 3))),
                    None,
                    aanvrager.pk,
                    aanvrager.volledige_naam,
                    aanvrager.email,
                    "",
                    moment,
                )
            )
            passend, gewichten = titels[school.pk]
            titel = self.random.choices(passend, gewichten)[0]
            rijen = self._geschiedenis(proces, titel.beginstatus, moment)
            jaar = datum.year
            tellers[jaar] = tellers.get(jaar, 0) + 1
            hulpvraag_id = volgend_id[Hulpvraag] + i
            met_scp = (
                titel.coordinatortoewijzing
                == Hulpvraagtitel.Coordinatortoewijzing.SCHOOLCONTACTPERSOON
            )
            hulpvragen.append(
                (
                    hulpvraag_id,
                    swv.pk,
                    f"HV-{jaar}-{tellers[jaar]:06d}",
                    leerling_id,
                    sg_id,
                    titel.pk,
                    "",
                    datum,
                    rijen[-1][1],
                    rijen[-1][2],
                    scp.pk if met_scp else (coordinator.pk if i % 2 else None),
                    self.random.choices(("web", "esis", "oso"), (8, 1, 1))[0],
                    aanvrager.pk,
                    moment,
                )
            )
            for van_id, naar_id, op in rijen:
                door = aanvrager.pk if van_id is None else scp.pk
                geschiedenis.append((hulpvraag_id, van_id, naar_id, door, op, ""))
            if self.random.random() < 0.1:
                label_rijen.append((hulpvraag_id, self.random.choice(labels).pk))

        self._invoegen(
            Leerling,
            ["id", "swv_id", "roepnaam", "tussenvoegsel", "achternaam", "geboortedatum",
             "geslacht", "ouder_emailadressen", "zoeknaam", "aangemaakt_door_id", "aangemaakt_op"],
            leerlingen,
        )  # fmt: skip
        self._invoegen(
            Schoolgegevens,
            ["id", "leerling_id", "school_id", "groep", "sinds", "aanvrager_id", "contactpersoon",
             "email", "telefoon", "aangemaakt_op"],
            schoolgegevens,
        )  # fmt: skip
        self._invoegen(
            Hulpvraag,
            ["id", "swv_id", "referentie", "leerling_id", "schoolgegevens_id", "titel_id",
             "omschrijving", "hulpvraagdatum", "status_id", "status_sinds", "coordinator_id",
             "bron", "aangemaakt_door_id", "aangemaakt_op"],
            hulpvragen,
        )  # fmt: skip
        self._invoegen(
            Statuswijziging, ["hulpvraag_id", "van_id", "naar_id", "door_id", "op", "reden"],
            geschiedenis,
        )  # fmt: skip
        self._invoegen(Hulpvraag.labels.through, ["hulpvraag_id", "label_id"], label_rijen)
        # The Managementoverzicht's summary, as the services write it: one statement for the
        # SWV's hulpvragen and their histories, in the SWV's transaction.
        hulpvraagverloop_bijwerken(hulpvragen=Hulpvraag.objects.filter(swv=swv))
        for jaar, laatste in tellers.items():
            Referentieteller.objects.update_or_create(jaar=jaar, defaults={"laatste": laatste})

    # -- bulk writing ----------------------------------------------------------------------------

    def _volgend_id(self, model: type[models.Model]) -> int:
        hoogste = model._default_manager.aggregate(hoogste=models.Max("pk"))["hoogste"]
        return (hoogste or 0) + 1

    def _invoegen(self, model: type[models.Model], kolommen: list[str], rijen: list[tuple]) -> None:
        if not rijen:
            return
        if "uuid" not in kolommen and any(v.name == "uuid" for v in model._meta.concrete_fields):
            # A field default is not applied by COPY: each row its own UUID.
            kolommen = [*kolommen, "uuid"]
            rijen = [(*rij, uuid.uuid4()) for rij in rijen]
        if self.postgres:
            tabel = connection.ops.quote_name(model._meta.db_table)
            namen = ", ".join(connection.ops.quote_name(k) for k in kolommen)
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(
                    f"COPY {tabel} ({namen}) FROM STDIN"  # (names from our own models)
                ) as copy,
            ):
                for rij in rijen:
                    copy.write_row(rij)
            return
        # bulk_create sets auto_now_add to now; on SQLite (tests, small runs) that is fine.
        objecten: list[Any] = [model(**dict(zip(kolommen, rij, strict=True))) for rij in rijen]
        model._default_manager.bulk_create(objecten, batch_size=500)

    def _reeksen_bijwerken(self) -> None:
        """COPY with explicit ids leaves PostgreSQL's identity sequences behind; catch them up."""
        with connection.cursor() as cursor:
            for model in (
                Leerling,
                Schoolgegevens,
                Hulpvraag,
                Statuswijziging,
                Hulpvraag.labels.through,
            ):
                tabel = model._meta.db_table
                sql = (
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608  (own table names)
                    f"(SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(tabel)}))"
                )
                cursor.execute(sql, [tabel])
