"""PDFs, parsed with pikepdf: scripts, actions and embedded files; scanned pages (R3)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from django.utils.translation import gettext as _
from PIL import Image

from passend.bijlagen.controles.basis import BestandGeweigerd, beschadigd, logger

# Keys whose presence means active or hidden content, and the values of /S, /Type and /Subtype
# that do (an action's kind, an embedded file, a file attachment annotation).
_PDF_SCRIPT_SLEUTELS = {"/JS", "/JavaScript", "/XFA"}
_PDF_INGESLOTEN_SLEUTELS = {"/EmbeddedFiles", "/EF", "/RichMedia"}
_PDF_SOORT_SLEUTELS = {"/S", "/Type", "/Subtype"}
_PDF_SCRIPT_SOORTEN = {"/JavaScript", "/ECMAScript"}
_PDF_START_SOORTEN = {"/Launch"}
# Actions that reach outside the document: open a file or share elsewhere (GoToR: a UNC path
# makes a Windows reader send the user's NTLM hash), or send or import form data.
_PDF_EXTERNE_SOORTEN = {"/GoToR", "/SubmitForm", "/ImportData"}
# A link the user clicks may open a web page or a mail; any other scheme (file:, smb:, a UNC
# path) may not, wherever it is.
_PDF_VEILIGE_URI = ("http://", "https://", "mailto:")
# Keys whose actions run without a click: when the document opens, and the additional actions
# of the document, pages, annotations and form fields (on open, close, focus, hover, print).
_PDF_AUTOMATISCHE_SLEUTELS = {"/OpenAction", "/AA"}
_PDF_INGESLOTEN_SOORTEN = {
    "/EmbeddedFile",
    "/FileAttachment",
    "/GoToE",
    "/RichMedia",
    "/Movie",
    "/Sound",
    "/Screen",
}


def pdf_openen(pad: Path, bestandsnaam: str) -> pikepdf.Pdf:
    try:
        return pikepdf.open(pad)
    except pikepdf.PasswordError:
        raise BestandGeweigerd(
            _(
                "‘%(naam)s’ is beveiligd met een wachtwoord, zodat Passend het niet kan "
                "controleren. Haal het wachtwoord eraf (sla het document op zonder beveiliging) "
                "en probeer het opnieuw."
            )
            % {"naam": bestandsnaam}
        ) from None
    except (pikepdf.PdfError, OSError, ValueError, RecursionError):
        raise beschadigd(bestandsnaam) from None


def pdf_controleren(pdf: pikepdf.Pdf, bestandsnaam: str) -> None:
    """Refuses JavaScript, launch actions and embedded files wherever they are.

    Every indirect object is visited once, from the file's object table, so the walk meets
    objects in compressed object streams too and cannot loop: within one object only its
    direct parts are followed, and those form a tree. An object nobody references is checked
    as well; a PDF has no business carrying a script, even an unreachable one.
    """
    try:
        if len(pdf.pages) == 0:
            raise pikepdf.PdfError("geen pagina's")
        automatisch: list[tuple[str, pikepdf.Object]] = []
        for object_ in pdf.objects:
            _pdf_object_controleren(object_, bestandsnaam, automatisch)
        _automatische_acties_controleren(automatisch, bestandsnaam)
    except (pikepdf.PdfError, RecursionError, ValueError):
        raise beschadigd(bestandsnaam) from None


def _pdf_object_controleren(
    object_: pikepdf.Object, bestandsnaam: str, automatisch: list[tuple[str, pikepdf.Object]]
) -> None:
    stapel = [object_]
    while stapel:
        huidig = stapel.pop()
        if isinstance(huidig, pikepdf.Stream):
            huidig = huidig.stream_dict
        if isinstance(huidig, pikepdf.Dictionary):
            onderdelen = list(huidig.items())
        elif isinstance(huidig, pikepdf.Array):
            onderdelen = [("", onderdeel) for onderdeel in huidig]
        else:
            continue
        for sleutel, waarde in onderdelen:
            if sleutel in _PDF_SCRIPT_SLEUTELS:
                raise _pdf_script(bestandsnaam)
            if sleutel in _PDF_INGESLOTEN_SLEUTELS:
                raise _pdf_ingesloten(bestandsnaam)
            if sleutel in _PDF_AUTOMATISCHE_SLEUTELS:
                automatisch.append((sleutel, waarde))
            if (
                sleutel == "/URI"
                and isinstance(waarde, pikepdf.String)
                and not str(waarde).strip().lower().startswith(_PDF_VEILIGE_URI)
            ):
                raise _pdf_extern(bestandsnaam)
            if sleutel in _PDF_SOORT_SLEUTELS and isinstance(waarde, pikepdf.Name):
                soort = str(waarde)
                if soort in _PDF_SCRIPT_SOORTEN:
                    raise _pdf_script(bestandsnaam)
                if soort in _PDF_START_SOORTEN:
                    raise BestandGeweigerd(
                        _(
                            "‘%(naam)s’ bevat een opdracht om een programma of ander bestand te "
                            "starten. Zulke PDF-bestanden kunnen schadelijk zijn en worden niet "
                            "aangenomen. Druk het document af naar een nieuwe PDF en probeer "
                            "het opnieuw."
                        )
                        % {"naam": bestandsnaam}
                    )
                if soort in _PDF_INGESLOTEN_SOORTEN:
                    raise _pdf_ingesloten(bestandsnaam)
                if soort in _PDF_EXTERNE_SOORTEN:
                    raise _pdf_extern(bestandsnaam)
            # An indirect object has its own turn in the object table.
            if isinstance(waarde, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream) and (
                not waarde.is_indirect
            ):
                stapel.append(waarde)


def _automatische_acties_controleren(
    automatisch: list[tuple[str, pikepdf.Object]], bestandsnaam: str
) -> None:
    """No web address opens by itself: a URI action among the actions that run without a click,
    or among the actions they chain with /Next."""
    acties: list[pikepdf.Object] = []
    for sleutel, waarde in automatisch:
        if sleutel == "/OpenAction":
            acties.append(waarde)  # an array here is a destination in the document: harmless
        elif isinstance(waarde, pikepdf.Dictionary):
            acties.extend(waarde.values())
    gezien: set[tuple[int, int]] = set()
    while acties:
        actie = acties.pop()
        if isinstance(actie, pikepdf.Array):
            acties.extend(actie)
            continue
        if not isinstance(actie, pikepdf.Dictionary):
            continue
        if actie.is_indirect:
            if actie.objgen in gezien:
                continue
            gezien.add(actie.objgen)
        if actie.get("/S") == pikepdf.Name.URI:
            raise _pdf_extern(bestandsnaam)
        if "/Next" in actie:
            acties.append(actie.Next)


def _pdf_extern(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ bevat een opdracht die vanzelf of met een klik een bestand, netwerkmap "
            "of website buiten het document opent, of gegevens verstuurt. Zulke PDF-bestanden "
            "kunnen schadelijk zijn en worden niet aangenomen. Druk het document af naar een "
            "nieuwe PDF (‘Afdrukken als PDF’) en probeer het opnieuw."
        )
        % {"naam": bestandsnaam}
    )


def _pdf_script(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ bevat JavaScript of een ander script. Zulke PDF-bestanden kunnen "
            "schadelijk zijn en worden niet aangenomen. Druk het document af naar een nieuwe PDF "
            "(‘Afdrukken als PDF’) en probeer het opnieuw."
        )
        % {"naam": bestandsnaam}
    )


def _pdf_ingesloten(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ bevat ingesloten bestanden of media. Die kan Passend niet controleren. "
            "Voeg ingesloten bestanden los toe, en druk het document zelf af naar een nieuwe "
            "PDF."
        )
        % {"naam": bestandsnaam}
    )


# --- Scanned PDFs: recognising them and making them smaller (R3) -----------------------------

VERKLEIN_DPI = 300
# A page counts as scanned when its images cover this share of it, a PDF when every page is
# and images hold this share of the file's bytes.
GESCAND_BEDEKKING = 0.7
GESCAND_AANDEEL_BEELD = 0.75
_JPEG_KWALITEIT = 80


@dataclass(frozen=True)
class _Getekend:
    beeld: pikepdf.Stream
    breedte_inch: float
    hoogte_inch: float


def _getekende_beelden(pagina: pikepdf.Page) -> list[_Getekend]:
    """The page's image XObjects with the size each is drawn at, from the transformation
    matrix in force at its `Do` in the page's content stream."""
    beelden = pagina.resources.get("/XObject")
    if not isinstance(beelden, pikepdf.Dictionary):
        return []
    getekend = []
    for naam, ctm in pikepdf.get_objects_with_ctm(pagina):
        beeld = beelden.get(naam)
        if isinstance(beeld, pikepdf.Stream) and beeld.get("/Subtype") == pikepdf.Name.Image:
            getekend.append(
                _Getekend(beeld, math.hypot(ctm.a, ctm.b) / 72, math.hypot(ctm.c, ctm.d) / 72)
            )
    return getekend


def is_gescand(pdf: pikepdf.Pdf, grootte: int) -> bool:
    """Whether the PDF is made of scanned pages.

    Scanned means: every page draws raster images covering at least 70% of its area (measured
    with the transformation matrices in the page's content stream), and image streams hold at
    least 75% of the file's bytes. Text does not disqualify: scanners often lay an invisible
    OCR text layer over the image, which is small. Images drawn inside form XObjects are not
    seen, so such a PDF is refused plainly. Whether a smaller copy fits is for the caller to
    find out: a copy still over the limit is again TeGrootMaarVerkleinbaar, which lets it say
    that even the 300 dpi copy is too large.
    """
    beeld_bytes = 0
    gezien: set[tuple[int, int]] = set()
    try:
        for pagina in pdf.pages:
            kader = pagina.mediabox
            oppervlak = abs(float(kader[2]) - float(kader[0])) * abs(
                float(kader[3]) - float(kader[1])
            )
            getekend = _getekende_beelden(pagina)
            bedekt = sum(beeld.breedte_inch * beeld.hoogte_inch * 72 * 72 for beeld in getekend)
            if not oppervlak or bedekt / oppervlak < GESCAND_BEDEKKING:
                return False
            for beeld in getekend:
                if beeld.beeld.objgen not in gezien:
                    gezien.add(beeld.beeld.objgen)
                    beeld_bytes += int(beeld.beeld.get("/Length", 0))
    except (pikepdf.PdfError, ValueError, TypeError, IndexError):
        return False
    return beeld_bytes >= GESCAND_AANDEEL_BEELD * grootte


def pdf_verkleinen(bron: Path, doel: Path, *, dpi: int = VERKLEIN_DPI) -> int:
    """Writes a copy of a scanned PDF with its page images downsampled to dpi; returns the new
    size in bytes.

    Each image drawn at more than `dpi` (its pixels over the largest size it is drawn at on
    any page) is re-encoded as JPEG at `dpi`; a losslessly stored image at or below `dpi` is
    re-encoded as JPEG at its own resolution when that is smaller. Pages, their order and
    their size stay as they are. Kept unchanged: black-and-white images (already small, and
    blurred by JPEG), images with a decode array or colour-key mask (their meaning is tied to
    the old samples) and images Pillow cannot decode. The copy still has to pass
    `bestand_controleren`; a PDF that cannot be read or written raises BestandGeweigerd.
    """
    try:
        with pikepdf.open(bron) as pdf:
            grootste: dict[tuple[int, int], _Getekend] = {}
            for pagina in pdf.pages:
                for getekend in _getekende_beelden(pagina):
                    eerder = grootste.get(getekend.beeld.objgen)
                    if eerder is None or getekend.breedte_inch > eerder.breedte_inch:
                        grootste[getekend.beeld.objgen] = getekend
            for getekend in grootste.values():
                _beeld_verkleinen(getekend, dpi)
            pdf.remove_unreferenced_resources()
            pdf.save(doel, compress_streams=True)
    except (pikepdf.PdfError, ValueError, OSError) as fout:
        logger.warning("PDF verkleinen mislukt", extra={"fout": repr(fout)})
        raise BestandGeweigerd(
            _(
                "Het verkleinen van de PDF is mislukt. Verklein het bestand zelf en probeer het "
                "opnieuw."
            )
        ) from None
    return doel.stat().st_size


def _schaal(getekend: _Getekend, dpi: int) -> float | None:
    """The factor to scale the image by for `dpi` (1.0: re-encode only), or None when it is
    left as it is: already JPEG at or below `dpi`, black and white, a mask, or an image whose
    decode array or colour-key mask is tied to its old samples."""
    beeld = getekend.beeld
    if (
        beeld.get("/ImageMask")
        or int(beeld.get("/BitsPerComponent", 8)) == 1
        or "/Decode" in beeld
        or "/Mask" in beeld
    ):
        return None
    breedte, hoogte = int(beeld.Width), int(beeld.Height)
    schaal = min(
        1.0,
        dpi * getekend.breedte_inch / breedte if getekend.breedte_inch else 1.0,
        dpi * getekend.hoogte_inch / hoogte if getekend.hoogte_inch else 1.0,
    )
    if schaal > 0.99 and beeld.get("/Filter") == pikepdf.Name.DCTDecode:
        return None
    return 1.0 if schaal > 0.99 else schaal


def _beeld_verkleinen(getekend: _Getekend, dpi: int) -> None:
    schaal = _schaal(getekend, dpi)
    if schaal is None:
        return
    beeld = getekend.beeld
    breedte, hoogte = int(beeld.Width), int(beeld.Height)
    try:
        afbeelding = pikepdf.PdfImage(beeld).as_pil_image()
    except (pikepdf.PdfError, NotImplementedError, ValueError, OSError):
        return
    # Grey and RGB samples keep their colour space (an ICC profile stays valid); anything
    # else (indexed, CMYK, Lab) becomes plain RGB.
    kleurruimte = beeld.get("/ColorSpace")
    if afbeelding.mode not in ("L", "RGB") or (
        isinstance(kleurruimte, pikepdf.Array) and kleurruimte[0] == pikepdf.Name.Indexed
    ):
        afbeelding = afbeelding.convert("RGB")
        kleurruimte = pikepdf.Name.DeviceRGB
    elif kleurruimte is None:
        kleurruimte = pikepdf.Name.DeviceGray if afbeelding.mode == "L" else pikepdf.Name.DeviceRGB
    if schaal < 1.0:
        afbeelding = afbeelding.resize(
            (max(1, round(breedte * schaal)), max(1, round(hoogte * schaal))),
            Image.Resampling.LANCZOS,
        )
    uit = io.BytesIO()
    afbeelding.save(uit, "JPEG", quality=_JPEG_KWALITEIT)
    if schaal == 1.0 and uit.tell() >= int(beeld.get("/Length", 0)):
        return
    beeld.write(uit.getvalue(), filter=pikepdf.Name.DCTDecode)
    beeld.Width, beeld.Height = afbeelding.size
    beeld.ColorSpace = kleurruimte
    beeld.BitsPerComponent = 8
    if "/DecodeParms" in beeld:
        del beeld["/DecodeParms"]
