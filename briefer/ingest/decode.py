"""Turn the bytes of a text file into str, whatever encoding it came in."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    # UTF-32 first: its little-endian BOM begins with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 8192
# Control bytes that never occur in text (tab, newlines, form feed and escape aside).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


class NotTextError(ValueError):
    """The file's bytes are not text in any encoding (an image or archive with a text name)."""


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte is NUL, as in mostly-Latin UTF-16."""
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL)
    return controls > 0.02 * len(sample)


_STRAY = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """A byte that is not UTF-8, read as Windows-1252 (Latin-1 where that has a gap)."""
    assert isinstance(error, UnicodeDecodeError)
    stray = error.object[error.start : error.end]
    return "".join(_cp1252(bytes([b])) for b in stray), error.end


def _cp1252(byte: bytes) -> str:
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        return byte.decode("latin-1")


codecs.register_error("briefer-stray-cp1252", _stray_as_cp1252)


def _utf8_with_strays(data: bytes) -> str | None:
    """UTF-8 with a few bytes that are not (a Latin-1 "é" pasted into UTF-8 text), decoded as
    UTF-8 with only those bytes read as Windows-1252; None when the invalid bytes are as many
    as the valid non-ASCII characters, as in text written in a legacy encoding."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = len(_STRAY.findall(text))
    valid = len(_NON_ASCII.findall(text)) - strays
    if valid <= strays:
        return None
    return data.decode("utf-8", errors="briefer-stray-cp1252")


def decode_bytes(data: bytes) -> str:
    """Decode by BOM, UTF-16 shape, UTF-8 (with a few stray bytes), then legacy encodings.

    Raises NotTextError for binary content; any text decodes without an exception.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if not data:
        return ""
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if _looks_binary(data):
        raise NotTextError("not a text file (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _utf8_with_strays(data)
    if mixed is not None:
        return mixed
    high = sum(1 for b in data[: _SAMPLE * 8] if b >= 0x80)
    if high <= 0.3 * min(len(data), _SAMPLE * 8):
        # Mostly ASCII with a few accented letters or typographic quotes: detectors guess
        # wildly on so little evidence (cp932 for a £ sign), while Western news in a legacy
        # encoding is almost always Windows-1252 or its subset Latin-1.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")
