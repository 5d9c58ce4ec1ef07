"""Demo data for local runs and walkthroughs; refuses to run with production settings."""

import json
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pikepdf
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts import rollen
from passend.accounts.models import Gebruiker, Rol, Schoolcontactpersoon
from passend.accounts.services import AUTHENTICATOR_NAAM, gebruiker_aanmaken
from passend.bijlagen.models import Bijlage
from passend.bijlagen.services import bestand_aanbieden
from passend.dossiers.models import Leerling
from passend.dossiers.services import leerling_aanmaken, schoolgegevens_toevoegen
from passend.hulpvragen.models import Hulpvraag, Label
from passend.hulpvragen.services import hulpvraag_aanmaken
from passend.inzagerecht.models import Ouderinzage
from passend.inzagerecht.services import bijlage_delen_met_ouders, ouder_uitnodigen
from passend.koppelingen import simulator
from passend.koppelingen.models import ApiClient, Schoolkoppeling
from passend.koppelingen.services import client_registreren, verificatiecode_registreren
from passend.koppelingen.sleutels import geheim_sha256
from passend.notificaties.models import Bericht
from passend.organisaties.models import Bestuur, Regio, Samenwerkingsverband, School
from passend.overlegrondes.models import Overlegronde
from passend.overlegrondes.services import overlegronde_aanmaken
from passend.processen.models import Hulpvraagtitel
from passend.processen.presets import preset_laden, preset_pad
from passend.testdata.totp import totp_geheim, totp_sleutel

PPO = ("PO2806", "PPO Rotterdam")
VOORBEELDSTAD = ("PO9999", "SWV Voorbeeldstad")
WACHTWOORD = {
    PPO[0]: "Rotterdam-demo-wachtwoord",
    VOORBEELDSTAD[0]: "Voorbeeldstad-demo-wachtwoord",
}

# (swv, regio, bestuursnummer, code, naam, straat, huisnummer, postcode, aangesloten)
SCHOLEN = [
    (PPO[0], "IJsselmonde", "41234", "12AB00", "De Regenboog", "Slinge", "101", "3085 EA", True),
    (
        PPO[0],
        "IJsselmonde",
        "41234",
        "12AB01",
        "De Vlinderhof",
        "Groene Kruisweg",
        "12",
        "3084 LA",
        True,
    ),
    (PPO[0], "Noord", "41234", "23CD00", "Het Kompas", "Bergweg", "220", "3036 BK", True),
    (PPO[0], "Noord", "41567", "34EF00", "De Singel", "Noordsingel", "45", "3035 EL", True),
    (PPO[0], "Zuid", "41567", "45GH00", "Maasoever", "Maashaven Oostzijde", "8", "3072 HG", True),
    (PPO[0], None, "41567", "09BA00", "Anders Leren", "Dorpsstraat", "3", "2991 BA", False),
    (
        VOORBEELDSTAD[0],
        "Centrum",
        "51111",
        "56JK00",
        "De Horizon",
        "Stationsplein",
        "1",
        "1234 AB",
        True,
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    swv: str
    gebruikersnaam: str
    voornaam: str
    achternaam: str
    rollen: tuple[str, ...]
    scholen: tuple[str, ...] = field(default=())
    tussenvoegsel: str = ""

    @property
    def totp_key(self) -> str:
        return totp_sleutel("demo", self.swv, self.gebruikersnaam)

    @property
    def totp_secret(self) -> str:
        return totp_geheim(self.totp_key)


ACCOUNTS = [
    DemoAccount(PPO[0], "iverhoef", "Ingrid", "Verhoef", (rollen.INTERN_BEGELEIDER,), ("12AB00",)),
    DemoAccount(
        PPO[0], "hschaap", "Herbert", "Schaap", (rollen.INTERN_BEGELEIDER,), ("23CD00", "34EF00")
    ),
    DemoAccount(
        PPO[0], "ndejong", "Nadia", "Jong", (rollen.DIRECTEUR,), ("12AB00", "12AB01"), "de"
    ),
    DemoAccount(PPO[0], "pjansen", "Petra", "Jansen", (rollen.SCHOOLCONTACTPERSOON,)),
    DemoAccount(PPO[0], "kbakker", "Karim", "Bakker", (rollen.COORDINATOR,)),
    DemoAccount(PPO[0], "tvos", "Tamara", "Vos", (rollen.TLV_ADMINISTRATIE,)),
    DemoAccount(PPO[0], "rdewit", "Ruben", "Wit", (rollen.DESKUNDIGE,), (), "de"),
    DemoAccount(PPO[0], "smeijer", "Sanne", "Meijer", (rollen.REGIOMANAGER,)),
    DemoAccount(PPO[0], "bhendriks", "Bram", "Hendriks", (rollen.APPLICATIEBEHEERDER,)),
    # External participant of the demo's overlegronde ("Advies logopedie").
    DemoAccount(PPO[0], "yakbar", "Yasmina", "Akbar", (rollen.EXTERNE_DEELNEMER,)),
    DemoAccount(PPO[0], "opeters", "Olga", "Peters", (rollen.OUDER,)),
    # The SWV's privacy officer: the audit viewer (Inzagelog) and nothing else (B8).
    DemoAccount(PPO[0], "privacy", "Priya", "Visser", (rollen.PRIVACYFUNCTIONARIS,)),
    # The same person with an account at a second SWV (R43), to show tenant isolation.
    DemoAccount(
        VOORBEELDSTAD[0], "iverhoef", "Ingrid", "Verhoef", (rollen.INTERN_BEGELEIDER,), ("56JK00",)
    ),
    DemoAccount(VOORBEELDSTAD[0], "beheer", "Vera", "Smit", (rollen.APPLICATIEBEHEERDER,)),
]


# (aanvrager, school, roepnaam, tussenvoegsel, achternaam, geboortedatum, hulpvraagtitel)
VOORBEELDEN = [
    (
        "hschaap",
        "23CD00",
        "Pedro",
        "",
        "Fortes Monteiro",
        date(2015, 4, 12),
        "Ambulante Begeleiding",
    ),
    ("iverhoef", "12AB00", "Zoë", "", "Jansen", date(2016, 5, 1), "Ambulante Begeleiding"),
    ("hschaap", "23CD00", "Daan", "de", "Vries", date(2014, 2, 3), "TLV -Nieuw"),
    ("iverhoef", "12AB00", "Sem", "", "Bakker", date(2017, 1, 20), "Ondersteuningsbudget"),
    ("iverhoef", "12AB00", "Mila", "El", "Amrani", date(2013, 11, 9), "TLV-aanvraag (IJsselmonde)"),
    # Exchange without the SWV (R35): the hulpvraag of the demo's overlegronde.
    (
        "iverhoef",
        "12AB00",
        "Noor",
        "",
        "Visser",
        date(2016, 3, 14),
        "Informatieuitwisseling overig",
    ),
]
OVERLEGRONDE_ONDERWERP = "Advies logopedie"


class Command(BaseCommand):
    help = "Maakt demogegevens aan (herhaalbaar): PPO Rotterdam, een tweede SWV en accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json", action="store_true", help="Print de accounts als JSON, voor een walkthrough."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demogegevens horen niet in productie (DJANGO_ENV=production).")
        self.demo_aanmaken()
        overzicht = [self.beschrijving(account) for account in ACCOUNTS]
        if options["json"]:
            self.stdout.write(json.dumps({"accounts": overzicht}, ensure_ascii=False, indent=2))
        else:
            self.print_table(overzicht)

    @transaction.atomic
    def demo_aanmaken(self) -> None:
        swvs = {}
        for code, naam in (PPO, VOORBEELDSTAD):
            swvs[code], _ = Samenwerkingsverband.objects.update_or_create(
                code=code, defaults={"naam": naam}
            )
        regios = {}
        for swv_code, regio_naam in [
            (PPO[0], "IJsselmonde"),
            (PPO[0], "Noord"),
            (PPO[0], "Zuid"),
            (VOORBEELDSTAD[0], "Centrum"),
        ]:
            regios[regio_naam], _ = Regio.objects.get_or_create(swv=swvs[swv_code], naam=regio_naam)
        besturen = {}
        for swv_code, nummer, naam, getekend in [
            (PPO[0], "41234", "Stichting Kindwijs Rotterdam", date(2024, 9, 1)),
            (PPO[0], "41567", "Vereniging Openbaar Onderwijs Maasoever", None),
            (VOORBEELDSTAD[0], "51111", "Stichting Scholen Voorbeeldstad", date(2025, 1, 15)),
        ]:
            besturen[nummer], _ = Bestuur.objects.update_or_create(
                swv=swvs[swv_code],
                nummer=nummer,
                defaults={
                    "naam": naam,
                    "verwerkersovereenkomst": getekend is not None,
                    "verwerkersovereenkomst_datum": getekend,
                },
            )
        for swv_code, regio, bestuur, code, naam, straat, nummer, postcode, aangesloten in SCHOLEN:
            School.objects.update_or_create(
                swv=swvs[swv_code],
                code=code,
                defaults={
                    "naam": naam,
                    "regio": regios[regio] if regio else None,
                    "bestuur": besturen[bestuur],
                    "straat": straat,
                    "huisnummer": nummer,
                    "postcode": postcode,
                    "plaats": "Voorbeeldstad" if swv_code == VOORBEELDSTAD[0] else "Rotterdam",
                    "aangesloten": aangesloten,
                },
            )
        for account in ACCOUNTS:
            self.account_aanmaken(account, swvs[account.swv])

        ppo = swvs[PPO[0]]
        preset_laden(swv=ppo, pad=preset_pad("ppo_rotterdam"))
        scp = Gebruiker.objects.get(swv=ppo, gebruikersnaam="pjansen")
        for school in ppo.scholen.all():
            Schoolcontactpersoon.objects.update_or_create(
                school=school, defaults={"gebruiker": scp}
            )
        for naam in ("Spoed", "Herhaalaanvraag"):
            Label.objects.get_or_create(swv=ppo, naam=naam)
        self.voorbeeld_hulpvraag(ppo)
        self.esis_koppeling(ppo)
        self.parnassys_koppeling(ppo)
        self.voorbeeld_overlegronde(ppo)
        self.voorbeeld_ouderinzage(ppo)

    def esis_koppeling(self, ppo: Samenwerkingsverband) -> None:
        """DEMO ONLY: an Esis client with a fixed, public token and De Regenboog's verification
        code, so README and the `make run` banner can show the exact simulator command
        (`manage.py lvs_simulator esis alles --als-swv pjansen`). A real client's token is
        random and shown once; this one is set after registering through the service, and only
        here: the demo refuses to run in production (handle())."""
        beheerder = Gebruiker.objects.get(swv=ppo, gebruikersnaam="bhendriks")
        client = ApiClient.objects.filter(sleutel_id=simulator.DEMO_SLEUTEL_ID).first()
        if client is None:
            client, _token = client_registreren(
                swv=ppo, naam="Esis (demo)", soort=ApiClient.Soort.ESIS, door=beheerder
            )
        ApiClient.objects.filter(pk=client.pk).update(
            swv=ppo,
            sleutel_id=simulator.DEMO_SLEUTEL_ID,
            geheim_sha256=geheim_sha256(simulator.DEMO_GEHEIM),
            ingetrokken_op=None,
        )
        verificatiecode_registreren(
            school=School.objects.get(swv=ppo, code="12AB00"),
            code=simulator.DEMO_VERIFICATIECODE,
            door=beheerder,
        )

    def parnassys_koppeling(self, ppo: Samenwerkingsverband) -> None:
        """DEMO ONLY: a ParnasSys (OSO) client with a fixed, public token, switched on for the
        school of the official OSO sample dossiers (BRIN 00YY, vestiging 00), with Ingrid Verhoef
        as its contactpersoon, so `manage.py lvs_simulator parnassys` runs after `make run`.
        Set like the Esis client above; the demo refuses to run in production."""
        beheerder = Gebruiker.objects.get(swv=ppo, gebruikersnaam="bhendriks")
        school, _ = School.objects.update_or_create(
            swv=ppo,
            code=simulator.PARNASSYS_SCHOOL,
            defaults={
                "naam": "OSO-voorbeeldschool",
                "regio": Regio.objects.get(swv=ppo, naam="IJsselmonde"),
                "bestuur": Bestuur.objects.get(swv=ppo, nummer="41234"),
                "plaats": "Rotterdam",
                "aangesloten": True,
            },
        )
        Schoolcontactpersoon.objects.update_or_create(
            school=school,
            defaults={"gebruiker": Gebruiker.objects.get(swv=ppo, gebruikersnaam="pjansen")},
        )
        Gebruiker.objects.get(swv=ppo, gebruikersnaam="iverhoef").scholen.add(school)
        client = ApiClient.objects.filter(sleutel_id=simulator.PARNASSYS_SLEUTEL_ID).first()
        if client is None:
            client, _token = client_registreren(
                swv=ppo, naam="ParnasSys (demo)", soort=ApiClient.Soort.OSO, door=beheerder
            )
        ApiClient.objects.filter(pk=client.pk).update(
            swv=ppo,
            sleutel_id=simulator.PARNASSYS_SLEUTEL_ID,
            geheim_sha256=geheim_sha256(simulator.PARNASSYS_GEHEIM),
            ingetrokken_op=None,
        )
        Schoolkoppeling.objects.get_or_create(
            client=client,
            school=school,
            defaults={"mandaat": "OSR 41234 (demo)", "routeringskenmerk": "PO2806-DEMO"},
        )

    def voorbeeld_overlegronde(self, ppo: Samenwerkingsverband) -> None:
        """A running overlegronde of De Regenboog with the external participant (yakbar) and
        the coördinator, so "Mijn overlegrondes" is not empty; made once, through the service.
        Loading the demo mails nobody: the invitations the service queued are taken out of the
        outbox before the transaction commits (the demo's accounts log in from the demo table).
        A second run moves the dates, so the round runs again."""
        vandaag = timezone.localdate()
        bestaand = Overlegronde.objects.filter(swv=ppo, onderwerp=OVERLEGRONDE_ONDERWERP).first()
        if bestaand is not None:
            Overlegronde.objects.filter(pk=bestaand.pk).update(
                einddatum_reacties=vandaag + timedelta(days=14),
                einddatum_inzage=vandaag + timedelta(days=21),
                gesloten_op=None,
            )
            return
        hulpvraag = Hulpvraag.objects.get(
            swv=ppo, leerling__roepnaam="Noor", leerling__achternaam="Visser"
        )
        voor = set(Bericht.objects.values_list("pk", flat=True))
        overlegronde_aanmaken(
            hulpvraag=hulpvraag,
            door=Gebruiker.objects.get(swv=ppo, gebruikersnaam="iverhoef"),
            onderwerp=OVERLEGRONDE_ONDERWERP,
            omschrijving=(
                "De school wil graag het advies van de logopedist over de taalontwikkeling "
                "bespreken. Reageert u voor de einddatum reacties?"
            ),
            einddatum_reacties=vandaag + timedelta(days=14),
            einddatum_inzage=vandaag + timedelta(days=21),
            deelnemers=list(
                Gebruiker.objects.filter(swv=ppo, gebruikersnaam__in=["yakbar", "kbakker"])
            ),
        )
        Bericht.objects.exclude(pk__in=voor).delete()

    def voorbeeld_ouderinzage(self, ppo: Samenwerkingsverband) -> None:
        """R14: the demo's parent (opeters) has inzage in Zoë Jansen's file, with one attachment
        the SWV shared, so the parent's page is not empty. Made once, through the services, by
        the applicatiebeheerder; the mails they queued are taken out of the outbox again."""
        hulpvraag = (
            Hulpvraag.objects.filter(
                swv=ppo, leerling__roepnaam="Zoë", leerling__achternaam="Jansen"
            )
            .select_related("leerling")
            .first()
        )
        if hulpvraag is None:
            return
        ouder = Gebruiker.objects.get(swv=ppo, gebruikersnaam="opeters")
        beheerder = Gebruiker.objects.get(swv=ppo, gebruikersnaam="bhendriks")
        ib = Gebruiker.objects.get(swv=ppo, gebruikersnaam="iverhoef")
        leerling = hulpvraag.leerling
        voor = set(Bericht.objects.values_list("pk", flat=True))
        if ouder.email not in leerling.ouder_emailadressen_lijst:
            Leerling.objects.filter(pk=leerling.pk).update(ouder_emailadressen=ouder.email)
            leerling.refresh_from_db()
        if not Ouderinzage.objects.filter(
            leerling=leerling, gebruiker=ouder, ingetrokken_op__isnull=True
        ).exists():
            ouder_uitnodigen(door=beheerder, leerling=leerling, emailadres=ouder.email)
        bijlage = hulpvraag.bijlagen.filter(bestandsnaam="Verslag voor ouders.pdf").first()
        if bijlage is None:
            with tempfile.TemporaryDirectory(prefix="passend-demo-") as map:
                pad = Path(map) / "verslag.pdf"
                document = pikepdf.new()
                document.add_blank_page()
                document.save(pad)
                gemaakt = bestand_aanbieden(
                    hulpvraag=hulpvraag,
                    pad=pad,
                    bestandsnaam="Verslag voor ouders.pdf",
                    door=ib,
                    waarschuwen=False,
                )
            assert isinstance(gemaakt, Bijlage)  # noqa: S101 (without a warning it is added)
            bijlage = gemaakt
        bijlage_delen_met_ouders(door=beheerder, bijlage=bijlage, delen=True)
        Bericht.objects.exclude(pk__in=voor).delete()

    def voorbeeld_hulpvraag(self, ppo: Samenwerkingsverband) -> None:
        """A few hulpvragen in their title's beginstatus, so lists are not empty on a first
        visit: the SCP sees some (Aanmelding, TLV_2_indienen), the IB'er of De Regenboog has
        some in "Mijn acties" (OB voorlopige aanvraag, TLV_1_voorlopig). Created through the
        services, without status changes, so no status mail is sent; their receipt mails are
        removed from the outbox again."""
        voor = set(Bericht.objects.values_list("pk", flat=True))
        for ib, school, roepnaam, tussenvoegsel, achternaam, geboortedatum, titel in VOORBEELDEN:
            if Leerling.objects.filter(swv=ppo, achternaam=achternaam, roepnaam=roepnaam).exists():
                continue
            aanvrager = Gebruiker.objects.get(swv=ppo, gebruikersnaam=ib)
            leerling = leerling_aanmaken(
                door=aanvrager,
                roepnaam=roepnaam,
                tussenvoegsel=tussenvoegsel,
                achternaam=achternaam,
                geboortedatum=geboortedatum,
            )
            schoolgegevens = schoolgegevens_toevoegen(
                leerling=leerling,
                school=School.objects.get(swv=ppo, code=school),
                door=aanvrager,
                aanvrager=aanvrager,
                contactpersoon=aanvrager.volledige_naam,
                email=aanvrager.email,
                groep="6",
            )
            hulpvraag_aanmaken(
                leerling=leerling,
                schoolgegevens=schoolgegevens,
                titel=Hulpvraagtitel.objects.get(swv=ppo, naam=titel),
                omschrijving="Op het gebied van gedrag.",
                door=aanvrager,
            )
        Bericht.objects.exclude(pk__in=voor).delete()

    def account_aanmaken(self, account: DemoAccount, swv: Samenwerkingsverband) -> None:
        account_rollen = Rol.objects.filter(code__in=account.rollen)
        scholen = School.objects.filter(swv=swv, code__in=account.scholen)
        gebruiker = Gebruiker.objects.filter(swv=swv, gebruikersnaam=account.gebruikersnaam).first()
        if gebruiker is None:
            gebruiker = gebruiker_aanmaken(
                swv=swv,
                gebruikersnaam=account.gebruikersnaam,
                voornaam=account.voornaam,
                tussenvoegsel=account.tussenvoegsel,
                achternaam=account.achternaam,
                email=f"{account.gebruikersnaam}@{account.swv.lower()}.demo.passend.nl",
                rollen=account_rollen,
                scholen=scholen,
                wachtwoord=WACHTWOORD[account.swv],
            )
        else:
            # A second run restores what a demo user may have changed.
            gebruiker.set_password(WACHTWOORD[account.swv])
            gebruiker.is_active = True
            gebruiker.save()
            gebruiker.rollen.set(account_rollen)
            gebruiker.scholen.set(scholen)
        TOTPDevice.objects.filter(user=gebruiker).exclude(key=account.totp_key).delete()
        TOTPDevice.objects.update_or_create(
            user=gebruiker,
            key=account.totp_key,
            defaults={"name": AUTHENTICATOR_NAAM, "confirmed": True},
        )

    def beschrijving(self, account: DemoAccount) -> dict[str, Any]:
        return {
            "organisatie": account.swv,
            "gebruikersnaam": account.gebruikersnaam,
            "wachtwoord": WACHTWOORD[account.swv],
            "totp_secret": account.totp_secret,
            "rollen": list(account.rollen),
            "scholen": list(account.scholen),
        }

    def print_table(self, overzicht: list[dict[str, Any]]) -> None:
        kolommen = [
            "organisatie",
            "gebruikersnaam",
            "wachtwoord",
            "totp_secret",
            "rollen",
            "scholen",
        ]
        rijen = [
            [", ".join(v) if isinstance(v, list) else str(v) for v in (a[k] for k in kolommen)]
            for a in overzicht
        ]
        breedtes = [max(len(k), *(len(r[i]) for r in rijen)) for i, k in enumerate(kolommen)]
        self.stdout.write("")
        self.stdout.write(
            "Demo-accounts (kies bij Organisatie bijvoorbeeld 'PO2806 PPO Rotterdam'):"
        )
        self.stdout.write("  ".join(k.ljust(b) for k, b in zip(kolommen, breedtes, strict=True)))
        for rij in rijen:
            self.stdout.write("  ".join(c.ljust(b) for c, b in zip(rij, breedtes, strict=True)))
        self.stdout.write(
            "\nVoeg het totp_secret toe in een authenticator-app (of: oathtool --totp -b SECRET)"
            " en vul de code in bij 'Code'."
        )
        self.stdout.write(
            "Esis-koppeling (alleen demo) voor De Regenboog: verificatiecode "
            f"{simulator.DEMO_VERIFICATIECODE}, token {simulator.DEMO_TOKEN}"
        )
        self.stdout.write(
            "ParnasSys-koppeling (alleen demo, OSO) voor school "
            f"{simulator.PARNASSYS_SCHOOL}: token {simulator.PARNASSYS_TOKEN}"
        )
