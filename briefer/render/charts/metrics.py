"""How wide a line of text is, read from the font files that draw the figures' labels.

The labels are set in `FAMILY`, as declared by `fonts/fonts.css` in the template folders: the
shipped Open Sans, or whatever a user's `--templates` folder puts there. The advance widths come
from those files (fontTools: units per em, the character map, `hmtx`), so every label position
holds for the font the PDF embeds. Each file is read once per process.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from briefer.render.templates import template_dirs

log = logging.getLogger("briefer")

FAMILY = "Open Sans"  # the first family in the figures' font-family (primitives.FONT_FAMILY)
REGULAR_WEIGHT, BOLD_WEIGHT = 400, 700
_SAFETY = 1.04  # kerning only ever narrows text; a little slack covers a metric-compatible swap

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}", re.IGNORECASE)
_DESCRIPTOR = re.compile(r"([a-z-]+)\s*:\s*([^;]+)", re.IGNORECASE)
_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.IGNORECASE)
_WEIGHTS = {"normal": REGULAR_WEIGHT, "bold": BOLD_WEIGHT}


@dataclass(frozen=True)
class Face:
    """One font file's advance widths, in font units by code point."""

    units_per_em: int
    advances: Mapping[int, int]

    def em(self, text: str) -> float:
        """The width of `text` in em, without kerning."""
        return sum(self._units(char) for char in text) / self.units_per_em

    def _units(self, char: str) -> int:
        if unicodedata.combining(char):
            return 0  # composed with, or drawn over, the character before it
        advance = self.advances.get(ord(char))
        if advance is not None:
            return advance
        # A letter the font lacks ("ṃ") is measured as its base letter ("m") if it has that;
        # anything else (another script, a symbol) as a full em.
        base = unicodedata.normalize("NFKD", char)[:1]
        if base and base != char and ord(base) in self.advances:
            return self.advances[ord(base)]
        return self.units_per_em


@dataclass(frozen=True)
class FontFile:
    """A font file as found on disk; a file changed since it was read is read again."""

    path: Path
    stamp: tuple[int, int]  # modification time (ns) and size

    @classmethod
    def at(cls, path: Path) -> FontFile:
        status = path.stat()
        return cls(path, (status.st_mtime_ns, status.st_size))


@cache
def read_face(font: FontFile) -> Face:
    """The advance widths of every character `font` maps (fontTools, imported only here)."""
    from fontTools.ttLib import TTFont

    with TTFont(font.path, lazy=True) as ttf:
        hmtx = ttf["hmtx"]
        advances = {code: hmtx[glyph][0] for code, glyph in ttf.getBestCmap().items()}
        return Face(int(ttf["head"].unitsPerEm), advances)


@dataclass(frozen=True)
class TextMetrics:
    """Measures label text in the regular and bold faces that draw it.

    Each weight holds the font the templates name and, after it, the shipped one: the first
    that fontTools can read is used (as the renderer, too, falls back when a font is broken)."""

    regular: tuple[FontFile, ...]
    bold: tuple[FontFile, ...]

    def width(self, text: str, size: float, *, bold: bool = False) -> float:
        """A conservative estimate of `text`'s width at `size`, in the same units as `size`."""
        face = _first_readable(self.bold if bold else self.regular)
        return face.em(text) * size * _SAFETY

    @classmethod
    def for_templates(cls, dirs: Sequence[Path]) -> TextMetrics:
        """The faces the PDF renderer picks for `FAMILY` from the template folders `dirs` (the
        user's first, the built-in one last). Where the first `fonts/fonts.css` found does not
        declare the family, the shipped faces."""
        declared = [_declared_faces(dirs), _declared_faces(dirs[-1:])]
        fonts = []
        for weight in (REGULAR_WEIGHT, BOLD_WEIGHT):
            paths = dict.fromkeys(p for faces in declared if (p := _closest(faces, weight)))
            if not paths:
                raise FileNotFoundError(f"no {FAMILY} font declared in {dirs[-1] / 'fonts'}")
            fonts.append(tuple(FontFile.at(p) for p in paths))
        return cls(*fonts)


@cache
def _first_readable(fonts: tuple[FontFile, ...]) -> Face:
    for font in fonts[:-1]:
        try:
            return read_face(font)
        except Exception as error:  # a broken or foreign file: measure with the next one
            log.warning("cannot read the font %s (%s); measuring with the next", font.path, error)
    return read_face(fonts[-1])


@cache
def builtin_metrics() -> TextMetrics:
    """Metrics from the shipped fonts: for figures drawn outside a template environment."""
    return TextMetrics.for_templates(template_dirs())


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """`text`'s width at `size` in the shipped fonts (see `TextMetrics.width`)."""
    return builtin_metrics().width(text, size, bold=bold)


def _declared_faces(dirs: Sequence[Path]) -> dict[int, Path]:
    """The upright faces of `FAMILY` by weight, from the first `fonts/fonts.css` in `dirs`.

    Relative URLs are looked up as the renderer looks them up: in each folder in turn."""
    css = next(
        (d / "fonts" / "fonts.css" for d in dirs if (d / "fonts" / "fonts.css").is_file()), None
    )
    if css is None:
        return {}
    faces: dict[int, Path] = {}
    text = _COMMENT.sub("", css.read_text(encoding="utf-8", errors="replace"))
    for block in _FONT_FACE.findall(text):
        rules = {name.lower(): value.strip() for name, value in _DESCRIPTOR.findall(block)}
        if rules.get("font-family", "").strip("\"' ") != FAMILY:
            continue
        if rules.get("font-style", "normal").lower() != "normal":
            continue
        weight = _weight(rules.get("font-weight", "normal"))
        path = _font_path(rules.get("src", ""), dirs)
        if weight is not None and path is not None:
            faces.setdefault(weight, path)
    return faces


def _weight(value: str) -> int | None:
    value = value.strip().lower()
    if value in _WEIGHTS:
        return _WEIGHTS[value]
    return int(value) if value.isdigit() else None


def _font_path(src: str, dirs: Sequence[Path]) -> Path | None:
    """The first `url()` in `src` that names a file in one of `dirs` (relative URLs only)."""
    for match in _URL.finditer(src):
        url = unquote(next(group for group in match.groups() if group is not None))
        if not url or ":" in url or url.startswith("/"):
            continue  # data:, file: and absolute URLs are not measured
        for root in dirs:
            candidate = (root / url).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
    return None


def _closest(faces: Mapping[int, Path], weight: int) -> Path | None:
    """The face nearest `weight`; between two as near, the heavier one for bold text."""
    if not faces:
        return None
    bold = weight >= BOLD_WEIGHT
    return faces[min(faces, key=lambda w: (abs(w - weight), -w if bold else w))]
