"""Issue 18.2: one normalisation for every name and search text."""

import unicodedata

from passend.core.normalize import normaliseer_tekst, zoeksleutel

ZACHT = "\u00ad"  # soft hyphen


def test_r13_invisible_characters_are_removed_and_white_space_collapsed():
    assert normaliseer_tekst(f"Öz{ZACHT}türk") == "Öztürk"
    assert normaliseer_tekst("El\u200bif\u200c \u200dÖztürk\u200e\u200f\ufeff") == "Elif Öztürk"
    assert normaliseer_tekst("\u2066Hasna\u2069 \u202bEl-Makrini\u202c") == "Hasna El-Makrini"
    assert normaliseer_tekst("  Jan \t van\u00a0\u00a0Boven\n") == "Jan van Boven"
    assert normaliseer_tekst(ZACHT) == ""


def test_r13_composed_and_decomposed_spellings_become_one():
    samengesteld = unicodedata.normalize("NFC", "Nguyễn")
    ontleed = unicodedata.normalize("NFD", "Nguyễn")
    assert samengesteld != ontleed
    assert normaliseer_tekst(ontleed) == normaliseer_tekst(samengesteld) == samengesteld
    assert zoeksleutel(ontleed) == zoeksleutel(samengesteld) == "nguyen"
    assert zoeksleutel(f"Öz{ZACHT}türk") == zoeksleutel("ÖZTÜRK") == "ozturk"
