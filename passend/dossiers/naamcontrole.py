"""Does a free text name the pupil? (R16, P3, issue 19 item 6.)

The one check every text about a pupil goes through before it is saved where it does not
belong: the omschrijving of a hulpvraag (R16), a status reason (P3: it is mailed), and every
later text that goes into a mail or to third parties (overlegronde texts).

Decided here:
- The text is compared in NFKC form, without format characters (soft hyphens, zero-width
  spaces), case and accents, and cut into words at everything that is not a letter or digit:
  punctuation, hyphens, brackets, apostrophes. "(Fortes-Monteiro," holds "fortes" and
  "monteiro"; "Pedro's" holds "pedro".
- Name parts are the words of the roepnaam and of the achternaam, each alone and written
  together ("Fortes Monteiro" also as "fortesmonteiro"; "van Boven" also as "vanboven").
  The tussenvoegsel is never checked on its own.
- Parts shorter than 3 letters are not checked ("Li", "Bo", the "El" of El-Makrini), nor the
  usual tussenvoegsels and particles ("van", "der", "ten", "dos", "bin", ...): both are
  ordinary Dutch words or fragments, and refusing every text with "de" helps nobody. Common
  words that are also names ("Roos", "de Groot") are checked: the message names the word, so
  the writer can rephrase.
- The birth date in its usual written forms: 12-04-2015, 12/04/2015, 12.04.2015, 12-4-2015,
  12-04-15, 2015-04-12 and 12 april 2015 (also "12 apr. 2015"). A date without its year is
  not checked.
"""

import re
import unicodedata
from datetime import date

from passend.core.normalize import zonder_accenten
from passend.dossiers.models import Leerling

KORTSTE_NAAMDEEL = 3

TUSSENVOEGSELS = frozenset(
    {
        "aan", "af", "al", "bij", "bin", "ben", "ibn", "d", "da", "dal", "das", "de", "dei",
        "del", "della", "den", "der", "des", "di", "do", "dos", "du", "e", "el", "het", "in",
        "l", "la", "las", "le", "les", "lo", "los", "mac", "mc", "o", "onder", "op", "over",
        "s", "t", "te", "ten", "ter", "tot", "uit", "uijt", "van", "vande", "vander", "ver",
        "von", "vom", "voor", "y", "zu", "zum", "zur",
    }
)  # fmt: skip

MAANDEN = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "maart": 3, "mrt": 3, "maa": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_WOORD = re.compile(r"[^\W_]+")
_SCHEIDING = r"\s*[-/.]\s*"
_DAG_MAAND_JAAR = re.compile(
    rf"(?<!\d)(\d{{1,2}}){_SCHEIDING}(\d{{1,2}}){_SCHEIDING}(\d{{4}}|\d{{2}})(?!\d)"
)
_JAAR_MAAND_DAG = re.compile(
    rf"(?<!\d)(\d{{4}}){_SCHEIDING}(\d{{1,2}}){_SCHEIDING}(\d{{1,2}})(?!\d)"
)
_DAG_MAANDNAAM_JAAR = re.compile(r"(?<!\d)(\d{1,2})\s*([a-z]+)\.?\s*'?(\d{4}|\d{2})(?!\d)")


def _vergelijkbaar(tekst: str) -> str:
    """NFKC, without format characters (soft hyphen, zero-width space and joiner)."""
    tekst = unicodedata.normalize("NFKC", tekst)
    return "".join(teken for teken in tekst if unicodedata.category(teken) != "Cf")


def _woorden(tekst: str) -> list[str]:
    return [zonder_accenten(woord) for woord in _WOORD.findall(_vergelijkbaar(tekst))]


def naamdelen(leerling: Leerling) -> set[str]:
    """The words of the pupil's name that a text must not contain (see the module's rules)."""
    delen: set[str] = set()
    for naam in (leerling.roepnaam, leerling.achternaam):
        woorden = _woorden(naam)
        delen.update(woorden)
        delen.add("".join(woorden))
    delen.add("".join(_woorden(f"{leerling.tussenvoegsel} {leerling.achternaam}")))
    return {deel for deel in delen if len(deel) >= KORTSTE_NAAMDEEL} - TUSSENVOEGSELS


def _is_datum(geboortedatum: date, dag: str, maand: int, jaar: str) -> bool:
    jaar_klopt = (
        int(jaar) == geboortedatum.year if len(jaar) == 4 else int(jaar) == geboortedatum.year % 100
    )
    return jaar_klopt and int(dag) == geboortedatum.day and maand == geboortedatum.month


def _geboortedata(geboortedatum: date, tekst: str) -> list[str]:
    gevonden = []
    for treffer in _DAG_MAAND_JAAR.finditer(tekst):
        if _is_datum(geboortedatum, treffer[1], int(treffer[2]), treffer[3]):
            gevonden.append(treffer[0])
    for treffer in _JAAR_MAAND_DAG.finditer(tekst):
        if _is_datum(geboortedatum, treffer[3], int(treffer[2]), treffer[1]):
            gevonden.append(treffer[0])
    for treffer in _DAG_MAANDNAAM_JAAR.finditer(tekst):
        maand = MAANDEN.get(treffer[2])
        if maand and _is_datum(geboortedatum, treffer[1], maand, treffer[3]):
            gevonden.append(treffer[0])
    return gevonden


def leerling_in_tekst(leerling: Leerling, tekst: str) -> list[str]:
    """The pieces of `tekst` that name the pupil: name parts and birth dates, as written in
    the text (for the message that asks to take them out); empty when the text names nobody."""
    schoon = _vergelijkbaar(tekst)
    delen = naamdelen(leerling)
    gevonden = [woord for woord in _WOORD.findall(schoon) if zonder_accenten(woord) in delen]
    if isinstance(leerling.geboortedatum, date):
        gevonden += _geboortedata(leerling.geboortedatum, zonder_accenten(schoon))
    return list(dict.fromkeys(gevonden))


def genoemd_als_tekst(gevonden: list[str]) -> str:
    """‘Pedro’, ‘Fortes’ — for a message."""
    return ", ".join(f"‘{stuk}’" for stuk in gevonden)
