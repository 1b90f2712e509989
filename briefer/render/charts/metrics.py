"""How wide a line of text is, so that labels can be placed before anything is drawn."""

from __future__ import annotations

import unicodedata

# Advance widths for ASCII 32..126 in thousandths of an em: the wider of DejaVu Sans and Open
# Sans for each character, so the estimate holds whichever of the two the renderer picks.
_REGULAR = tuple(
    int(w)
    for w in (
        "318 401 460 838 636 950 780 275 390 390 552 838 318 361 318 367 636 636 636 636 636 636 "
        "636 636 636 636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 "
        "557 903 754 787 603 787 695 635 611 732 684 989 685 611 685 390 367 390 838 500 577 613 "
        "635 550 635 615 352 635 634 278 278 579 278 974 634 612 635 635 411 521 392 634 592 818 "
        "592 592 525 636 551 636 838"
    ).split()
)
_BOLD = tuple(
    int(w)
    for w in (
        "348 456 521 838 696 1002 872 306 457 457 545 838 380 415 380 413 696 696 696 696 696 696 "
        "696 696 696 696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 "
        "637 995 837 850 733 850 770 720 682 812 774 1103 771 724 725 457 413 457 838 500 607 675 "
        "716 593 716 678 435 716 712 343 343 665 343 1042 712 687 716 716 493 595 478 712 652 924 "
        "645 652 582 712 551 712 838"
    ).split()
)
_PUNCTUATION = {"–": 500, "—": 1000, "…": 1000, "·": 318, "‘": 318, "’": 318, "“": 518, "”": 518}
_SAFETY = 1.04  # kerning only ever narrows text; a little slack covers a metric-compatible swap


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """A conservative estimate of `text`'s width in user units, from the fonts' own metrics."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        code = ord(char)
        if 32 <= code < 127:
            total += table[code - 32]
        elif char in _PUNCTUATION:
            total += _PUNCTUATION[char] + (140 if bold else 0)
        elif unicodedata.combining(char):
            continue
        else:
            base = unicodedata.normalize("NFKD", char)[:1]
            if base and 32 <= ord(base) < 127 and base != char:
                total += table[ord(base) - 32]
            else:
                total += 1000  # unknown script or symbol: assume a full em
    return total / 1000 * size * _SAFETY
