"""A form definition as data: sections with questions, read from the JSON a Formulierversie
keeps (and a preset or SWV-beheer writes). Reading checks everything and collects every error
in Dutch, so a faulty definition is refused whole and never half-used.

The shape, in YAML as a preset writes it:

    school_ziet_pas_na_indienen: true  # optional: a decision the SWV drafts; default false
    secties:
      - titel: Besluit
        vragen:
          - code: besluit            # stable key of the answer, unique in the form
            soort: keuze             # see Soort
            vraag: Besluit
            keuzes: [Toegekend, Afgewezen]
            verplicht: true          # default false
            hulptekst: ...           # optional
            schrijver: regiomanager  # school (default), bevoegd_gezag, swv or an SWV role code
            toon_als: {vraag: akkoord, is: true}  # optional: shown (and required) only then;
                                                  # `is` may list several choices
          - code: bevoegd_gezag
            soort: account
            vraag: Directeur (bevoegd gezag)
            rollen: [directeur]      # accounts of the school with one of these roles
            wijst_aan: bevoegd_gezag # the chosen account writes the bevoegd-gezag questions
          - code: evaluatiedatum
            soort: datum
            vraag: Deadline van de evaluatie
            herinneren: {dagen_vooraf: 14}   # mail the school before, the coördinator after;
                                             # ook_na_einde: true also once the hulpvraag is
                                             # closed (a TLV's end date)
          - code: informeer_coordinator
            soort: ja_nee
            vraag: Informeer coördinator
            informeert: coordinator  # answering ja mails the hulpvraag's coördinator
          - code: einddatum
            soort: datum
            niet_voor: ingangsdatum  # never before that date
            standaard: {einde_schooljaar_van: ingangsdatum}  # left empty: 31 July after it
          - code: besluitdatum
            soort: datum
            bezwaartermijn_weken: 6  # shown beside the date: "bezwaar mogelijk tot ..."
          - code: naam_tweede
            soort: korte_tekst
            verschilt_van: naam_eerste  # e.g. two different experts
          - code: advies
            soort: bijlage
            documenttype: deskundigenadvies  # only attachments of this kind
          - code: tlv
            soort: hulpvraag         # another hulpvraag of the same pupil
            statussen: [tlv_afgegeven]
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from passend.accounts import rollen

CODE = re.compile(r"^[a-z0-9_]{1,60}$")


class Soort(models.TextChoices):
    KORTE_TEKST = "korte_tekst", _("korte tekst")
    LANGE_TEKST = "lange_tekst", _("lange tekst")
    DATUM = "datum", _("datum")
    GETAL = "getal", _("getal")
    BEDRAG = "bedrag", _("bedrag (euro)")
    KEUZE = "keuze", _("keuze")
    MEERKEUZE = "meerkeuze", _("meerkeuze")
    JA_NEE = "ja_nee", _("ja/nee")
    ACCOUNT = "account", _("account-keuze")
    BIJLAGE = "bijlage", _("bijlage-verwijzing")
    HULPVRAAG = "hulpvraag", _("hulpvraag-verwijzing")
    ONDERTEKENING = "ondertekening", _("ondertekening")


# Who may write a question besides an SWV role code.
SCHOOL = "school"
BEVOEGD_GEZAG = "bevoegd_gezag"
SWV = "swv"  # any role of the SWV's staff
SWV_ROLLEN = frozenset(
    {
        rollen.SCHOOLCONTACTPERSOON,
        rollen.COORDINATOR,
        rollen.TLV_ADMINISTRATIE,
        rollen.DESKUNDIGE,
        rollen.REGIOMANAGER,
        rollen.APPLICATIEBEHEERDER,
    }
)
SCHOOLROLLEN = frozenset({rollen.INTERN_BEGELEIDER, rollen.DIRECTEUR})
VRAAGSLEUTELS = {
    "code",
    "soort",
    "vraag",
    "verplicht",
    "hulptekst",
    "schrijver",
    "keuzes",
    "toon_als",
    "rollen",
    "wijst_aan",
    "herinneren",
    "informeert",
    "niet_voor",
    "verschilt_van",
    "standaard",
    "statussen",
    "bezwaartermijn_weken",
    "documenttype",
}
COORDINATOR = "coordinator"


@dataclass(frozen=True)
class ToonAls:
    vraag: str
    waarden: tuple[Any, ...]  # the stored values that show the question: True/False, keuzes

    def geldt(self, antwoord: Any) -> bool:
        return antwoord in self.waarden


@dataclass(frozen=True)
class Vraag:
    code: str
    soort: str
    vraag: str
    verplicht: bool = False
    hulptekst: str = ""
    schrijver: str = SCHOOL
    keuzes: tuple[str, ...] = ()
    toon_als: ToonAls | None = None
    rollen: tuple[str, ...] = ()
    wijst_aan: str = ""
    # A date question: remind the school this many days before, tell the coördinator after.
    herinneren_dagen_vooraf: int | None = None
    herinneren_ook_na_einde: bool = False
    informeert: str = ""  # a ja/nee question: "ja" mails the coördinator
    niet_voor: str = ""  # a date question: not before the date of that question
    verschilt_van: str = ""  # the answer must differ from that question's
    einde_schooljaar_van: str = ""  # a date left empty: 31 July of that date's school year
    statussen: tuple[str, ...] = ()  # a hulpvraag question: the status codes it may be in
    bezwaartermijn_weken: int | None = None  # a decision date: the objection period it starts
    documenttype: str = ""  # a bijlage question: only attachments of this kind (its code)


@dataclass(frozen=True)
class Sectie:
    titel: str
    vragen: tuple[Vraag, ...]


@dataclass(frozen=True)
class Definitie:
    secties: tuple[Sectie, ...]
    school_ziet_pas_na_indienen: bool = False

    @property
    def vragen(self) -> tuple[Vraag, ...]:
        return tuple(vraag for sectie in self.secties for vraag in sectie.vragen)

    def vraag(self, code: str) -> Vraag | None:
        return next((v for v in self.vragen if v.code == code), None)

    @property
    def bevoegd_gezag_vraag(self) -> Vraag | None:
        return next((v for v in self.vragen if v.wijst_aan == BEVOEGD_GEZAG), None)


class DefinitieFout(Exception):
    def __init__(self, fouten: list[str]) -> None:
        self.fouten = fouten
        super().__init__("\n".join(fouten))


def definitie_lezen(gegevens: Any) -> Definitie:
    """The definition in `gegevens` (parsed JSON or YAML); DefinitieFout lists every error."""
    lezer = _Lezer()
    definitie = lezer.lees(gegevens)
    if lezer.fouten:
        raise DefinitieFout(lezer.fouten)
    return definitie


class _Lezer:
    def __init__(self) -> None:
        self.fouten: list[str] = []

    def lees(self, gegevens: Any) -> Definitie:
        if not isinstance(gegevens, Mapping) or not isinstance(gegevens.get("secties"), list):
            self.fouten.append("Een formulier heeft een lijst ‘secties’.")
            return Definitie(secties=())
        for sleutel in set(gegevens) - {"secties", "school_ziet_pas_na_indienen"}:
            self.fouten.append(f"Het formulier: onbekend veld ‘{sleutel}’.")
        pas_na_indienen = gegevens.get("school_ziet_pas_na_indienen", False)
        if not isinstance(pas_na_indienen, bool):
            self.fouten.append("‘school_ziet_pas_na_indienen’ is true of false.")
            pas_na_indienen = False
        secties = tuple(self._sectie(blok, nr) for nr, blok in enumerate(gegevens["secties"], 1))
        definitie = Definitie(secties=secties, school_ziet_pas_na_indienen=pas_na_indienen)
        self._samenhang(definitie)
        return definitie

    def _sectie(self, blok: Any, nummer: int) -> Sectie:
        item = f"Sectie {nummer}"
        if not isinstance(blok, Mapping) or not isinstance(blok.get("vragen"), list):
            self.fouten.append(f"{item}: heeft een titel en een lijst ‘vragen’.")
            return Sectie(titel="", vragen=())
        titel = blok.get("titel")
        if not isinstance(titel, str) or not titel.strip():
            self.fouten.append(f"{item}: de titel ontbreekt.")
            titel = ""
        vragen = tuple(
            self._vraag(vraag, f"{item}, vraag {nr}") for nr, vraag in enumerate(blok["vragen"], 1)
        )
        return Sectie(titel=titel.strip(), vragen=vragen)

    def _vraag(self, blok: Any, item: str) -> Vraag:
        if not isinstance(blok, Mapping):
            self.fouten.append(f"{item}: moet een blok zijn.")
            return Vraag(code="", soort=Soort.KORTE_TEKST, vraag="")
        for sleutel in blok:
            if sleutel not in VRAAGSLEUTELS:
                self.fouten.append(f"{item}: onbekend veld ‘{sleutel}’.")
        code = blok.get("code")
        if not isinstance(code, str) or not CODE.match(code):
            self.fouten.append(f"{item}: ‘code’ bestaat uit kleine letters, cijfers en _.")
            code = ""
        else:
            item = f"Vraag ‘{code}’"
        soort = blok.get("soort")
        if soort not in Soort.values:
            self.fouten.append(f"{item}: onbekende soort ‘{soort}’.")
            soort = Soort.KORTE_TEKST
        tekst = blok.get("vraag")
        if not isinstance(tekst, str) or not tekst.strip():
            self.fouten.append(f"{item}: de vraag zelf ontbreekt.")
            tekst = ""
        schrijver = blok.get("schrijver", SCHOOL)
        if schrijver not in {SCHOOL, BEVOEGD_GEZAG, SWV} | SWV_ROLLEN:
            self.fouten.append(
                f"{item}: ‘schrijver’ is school, bevoegd_gezag, swv of een rol van het "
                f"samenwerkingsverband, niet ‘{schrijver}’."
            )
        keuzes = blok.get("keuzes", [])
        if soort in (Soort.KEUZE, Soort.MEERKEUZE):
            if (
                not isinstance(keuzes, list)
                or len(keuzes) < 2
                or not all(isinstance(k, str) and k.strip() for k in keuzes)
                or len(set(keuzes)) != len(keuzes)
            ):
                self.fouten.append(f"{item}: geef minstens twee verschillende ‘keuzes’.")
                keuzes = []
        elif keuzes:
            self.fouten.append(f"{item}: alleen een keuzevraag heeft ‘keuzes’.")
        accountrollen = blok.get("rollen", [])
        wijst_aan = blok.get("wijst_aan", "")
        if soort == Soort.ACCOUNT:
            if not accountrollen or not set(accountrollen) <= SCHOOLROLLEN | SWV_ROLLEN:
                self.fouten.append(f"{item}: ‘rollen’ noemt de rollen van de te kiezen accounts.")
            if wijst_aan not in ("", BEVOEGD_GEZAG):
                self.fouten.append(f"{item}: ‘wijst_aan’ kan alleen bevoegd_gezag zijn.")
        elif accountrollen or wijst_aan:
            self.fouten.append(f"{item}: alleen een account-keuze heeft ‘rollen’ en ‘wijst_aan’.")
        herinneren = blok.get("herinneren")
        dagen_vooraf = None
        ook_na_einde = False
        if herinneren is not None:
            if soort != Soort.DATUM:
                self.fouten.append(f"{item}: alleen een datumvraag heeft ‘herinneren’.")
            elif (
                not isinstance(herinneren, Mapping)
                or not {"dagen_vooraf"} <= set(herinneren) <= {"dagen_vooraf", "ook_na_einde"}
                or not isinstance(herinneren["dagen_vooraf"], int)
                or not 0 <= herinneren["dagen_vooraf"] <= 366
                or not isinstance(herinneren.get("ook_na_einde", False), bool)
            ):
                self.fouten.append(
                    f"{item}: ‘herinneren’ is {{dagen_vooraf: 0 tot 366, "
                    "ook_na_einde: true of false}}."
                )
            else:
                dagen_vooraf = herinneren["dagen_vooraf"]
                ook_na_einde = herinneren.get("ook_na_einde", False)
        informeert = blok.get("informeert", "")
        if informeert and (soort != Soort.JA_NEE or informeert != COORDINATOR):
            self.fouten.append(f"{item}: alleen een ja/nee-vraag heeft ‘informeert: coordinator’.")
            informeert = ""
        verwijzingen = {
            sleutel: blok.get(sleutel, "") for sleutel in ("niet_voor", "verschilt_van")
        }
        for sleutel, verwijzing in verwijzingen.items():
            if not isinstance(verwijzing, str):
                self.fouten.append(f"{item}: ‘{sleutel}’ noemt de code van een vraag.")
                verwijzingen[sleutel] = ""
        if verwijzingen["niet_voor"] and soort != Soort.DATUM:
            self.fouten.append(f"{item}: alleen een datumvraag heeft ‘niet_voor’.")
        standaard = blok.get("standaard")
        einde_schooljaar_van = ""
        if standaard is not None:
            if (
                soort != Soort.DATUM
                or not isinstance(standaard, Mapping)
                or set(standaard) != {"einde_schooljaar_van"}
            ):
                self.fouten.append(
                    f"{item}: ‘standaard’ is {{einde_schooljaar_van: <datumvraag>}}, "
                    "alleen bij een datumvraag."
                )
            else:
                einde_schooljaar_van = str(standaard["einde_schooljaar_van"])
        statussen = blok.get("statussen", [])
        if statussen and (
            soort != Soort.HULPVRAAG
            or not isinstance(statussen, list)
            or not all(isinstance(code, str) and CODE.match(code) for code in statussen)
        ):
            self.fouten.append(
                f"{item}: alleen een hulpvraag-verwijzing heeft ‘statussen’ (codes)."
            )
            statussen = []
        documenttype = blok.get("documenttype", "")
        if documenttype and (
            soort != Soort.BIJLAGE
            or not isinstance(documenttype, str)
            or not CODE.match(documenttype)
        ):
            self.fouten.append(
                f"{item}: alleen een bijlage-verwijzing heeft ‘documenttype’ (een code)."
            )
            documenttype = ""
        bezwaartermijn = blok.get("bezwaartermijn_weken")
        if bezwaartermijn is not None and (
            soort != Soort.DATUM
            or isinstance(bezwaartermijn, bool)
            or not isinstance(bezwaartermijn, int)
            or not 1 <= bezwaartermijn <= 52
        ):
            self.fouten.append(f"{item}: ‘bezwaartermijn_weken’ is 1 tot 52, bij een datumvraag.")
            bezwaartermijn = None
        verplicht = blok.get("verplicht", False)
        if not isinstance(verplicht, bool):
            self.fouten.append(f"{item}: ‘verplicht’ is true of false.")
            verplicht = False
        hulptekst = blok.get("hulptekst", "")
        if not isinstance(hulptekst, str):
            self.fouten.append(f"{item}: ‘hulptekst’ is een tekst.")
            hulptekst = ""
        return Vraag(
            code=code,
            soort=soort,
            vraag=tekst.strip(),
            verplicht=verplicht,
            hulptekst=hulptekst.strip(),
            schrijver=schrijver,
            keuzes=tuple(keuzes),
            toon_als=self._toon_als(blok.get("toon_als"), item),
            rollen=tuple(accountrollen),
            wijst_aan=wijst_aan,
            herinneren_dagen_vooraf=dagen_vooraf,
            herinneren_ook_na_einde=ook_na_einde,
            informeert=informeert,
            niet_voor=verwijzingen["niet_voor"],
            verschilt_van=verwijzingen["verschilt_van"],
            einde_schooljaar_van=einde_schooljaar_van,
            statussen=tuple(statussen),
            bezwaartermijn_weken=bezwaartermijn,
            documenttype=documenttype,
        )

    def _toon_als(self, blok: Any, item: str) -> ToonAls | None:
        if blok is None:
            return None
        if not isinstance(blok, Mapping) or set(blok) != {"vraag", "is"}:
            self.fouten.append(f"{item}: ‘toon_als’ heeft precies ‘vraag’ en ‘is’.")
            return None
        waarden = blok["is"] if isinstance(blok["is"], list) else [blok["is"]]
        return ToonAls(vraag=str(blok["vraag"]), waarden=tuple(waarden))

    def _samenhang(self, definitie: Definitie) -> None:
        codes = [vraag.code for vraag in definitie.vragen]
        for code in {c for c in codes if codes.count(c) > 1}:
            self.fouten.append(f"Vraag ‘{code}’ staat twee keer in het formulier.")
        eerder: dict[str, Vraag] = {}
        for vraag in definitie.vragen:
            if vraag.toon_als is not None:
                self._conditie_controleren(vraag, vraag.toon_als, eerder.get(vraag.toon_als.vraag))
            eerder[vraag.code] = vraag
        alle = {vraag.code: vraag for vraag in definitie.vragen}
        for vraag in definitie.vragen:
            for sleutel, verwijzing, zelfde_soort in (
                ("niet_voor", vraag.niet_voor, Soort.DATUM),
                ("standaard", vraag.einde_schooljaar_van, Soort.DATUM),
                ("verschilt_van", vraag.verschilt_van, vraag.soort),
            ):
                if verwijzing and (verwijzing == vraag.code or verwijzing not in alle):
                    self.fouten.append(
                        f"Vraag ‘{vraag.code}’: ‘{sleutel}’ noemt een onbekende vraag."
                    )
                elif verwijzing and alle[verwijzing].soort != zelfde_soort:
                    self.fouten.append(
                        f"Vraag ‘{vraag.code}’: ‘{sleutel}’ noemt een vraag van een andere soort."
                    )
        aanwijzers = [v for v in definitie.vragen if v.wijst_aan == BEVOEGD_GEZAG]
        if len(aanwijzers) > 1:
            self.fouten.append("Maar één account-keuze wijst het bevoegd gezag aan.")
        if not aanwijzers and any(v.schrijver == BEVOEGD_GEZAG for v in definitie.vragen):
            self.fouten.append(
                "Er zijn vragen voor het bevoegd gezag, maar geen account-keuze met "
                "‘wijst_aan: bevoegd_gezag’."
            )

    def _conditie_controleren(self, vraag: Vraag, toon_als: ToonAls, bron: Vraag | None) -> None:
        item = f"Vraag ‘{vraag.code}’"
        if bron is None:
            self.fouten.append(f"{item}: ‘toon_als’ noemt een vraag die er eerder niet is.")
        elif bron.soort == Soort.JA_NEE:
            if not set(toon_als.waarden) <= {True, False}:
                self.fouten.append(f"{item}: ‘toon_als’ bij een ja/nee-vraag is ja of nee.")
        elif bron.soort == Soort.KEUZE:
            if not set(toon_als.waarden) <= set(bron.keuzes):
                self.fouten.append(f"{item}: ‘toon_als’ noemt een keuze die er niet is.")
        else:
            self.fouten.append(f"{item}: ‘toon_als’ kan alleen op een ja/nee- of keuzevraag.")
