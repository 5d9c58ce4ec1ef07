import re
import unicodedata


def normalize_code(value: str) -> str:
    """Codes are typed in any case and with stray spaces; they are stored upper-case and bare."""
    return "".join(value.split()).upper()


def normalize_postcode(value: str) -> str:
    """'3085ea' and '3085 ea' are both stored as '3085 EA'."""
    bare = normalize_code(value)
    return f"{bare[:4]} {bare[4:]}" if len(bare) == 6 else value.strip().upper()


def normaliseer_tekst(tekst: str) -> str:
    """A name or search text as typed, made comparable: Unicode NFC (one code point for "ễ"
    however it was typed), without invisible characters (soft hyphen, zero-width space and
    joiners, direction marks: category Cf; stray control characters: Cc) and with every run of
    white space one space. Used on input and for the search column, so both agree."""
    samengesteld = unicodedata.normalize("NFC", tekst)
    zichtbaar = "".join(
        teken
        for teken in samengesteld
        if teken.isspace() or unicodedata.category(teken) not in {"Cf", "Cc"}
    )
    return " ".join(zichtbaar.split())


def zoeksleutel(tekst: str) -> str:
    """How names are stored and compared for searching: normalised, lower case, no accents."""
    return zonder_accenten(normaliseer_tekst(tekst))


def zonder_accenten(tekst: str) -> str:
    """Lower case without diacritics, for searching: 'Zoë' and 'zoe' match."""
    return "".join(
        teken
        for teken in unicodedata.normalize("NFKD", tekst.casefold())
        if not unicodedata.combining(teken)
    )


def code_uit_naam(naam: str) -> str:
    """A stable key from a name, for a code nobody typed: "TLV_3_in behandeling" becomes
    "tlv_3_in_behandeling", "Akkoord coördinator Herstart/KANS"
    "akkoord_coordinator_herstart_kans"."""
    return re.sub(r"[^a-z0-9]+", "_", zonder_accenten(naam)).strip("_")[:60]
