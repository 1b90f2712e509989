"""SVG building blocks shared by the figures: geometry, escaped elements, text lines, legends.

The viewBox is `WIDTH` user units wide, about one point each at the A4 text width (170 mm), so
font sizes below are close to their printed size in points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from briefer.render.charts.metrics import FAMILY, TextMetrics

WIDTH = 482.0
# Presentation attribute for renderers that do not apply the page stylesheet inside inline SVG
# (WeasyPrint); in a browser the `.chart-text` rule in style.css takes precedence.
FONT_FAMILY = f"'{FAMILY}', 'DejaVu Sans', sans-serif"
LABEL_SIZE = 7.2
SMALL_SIZE = 6.8
ASCENT, DESCENT = 0.93, 0.24  # DejaVu Sans, in em
BADGE_SCALE, BADGE_PAD = 0.92, 1.4  # event numbers: white on a navy badge

INK = "#1a1a1a"
NAVY = "#1f3a5f"
MUTED = "#555555"
LEADER_COLOUR = "#8a99ab"  # lines joining a label to what it names


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in the figure's user units (y grows downwards)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return not (
            self.right + gap <= other.x
            or other.right + gap <= self.x
            or self.bottom + gap <= other.y
            or other.bottom + gap <= self.y
        )

    def inside(self, width: float, height: float) -> bool:
        return self.x >= 0 and self.y >= 0 and self.right <= width and self.bottom <= height

    def touches_circle(self, circle: Circle, gap: float = 0.0) -> bool:
        nearest_x = min(max(circle.cx, self.x), self.right)
        nearest_y = min(max(circle.cy, self.y), self.bottom)
        return math.hypot(circle.cx - nearest_x, circle.cy - nearest_y) < circle.r + gap


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Figure:
    """A finished SVG with the geometry it was drawn from, for checking rather than re-parsing.

    `labels` holds the box of every piece of text drawn (event labels, ticks, legend, names);
    `leaders` the lines joining labels to what they name; `nodes` the network's node outlines.
    """

    svg: Markup
    width: float
    height: float
    labels: tuple[Box, ...]
    leaders: tuple[Line, ...] = ()
    nodes: tuple[Circle, ...] = ()
    left_off: tuple[int, ...] = ()  # numbers of listed events not drawn (background)


# --- SVG writing -----------------------------------------------------------------------------


def num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def element(tag: str, attrs: dict[str, object], content: str | None = None) -> str:
    """One SVG element; attribute values and text are escaped, numbers rounded."""
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float | int) else str(value)
        parts.append(f'{name}="{escape(shown)}"')
    opening = f"<{tag} {' '.join(parts)}" if parts else f"<{tag}"
    if content is None:
        return opening + "/>"
    return f"{opening}>{content}</{tag}>"


def line_svg(line: Line, stroke: str, width: float) -> str:
    """A plain straight stroke: axes, ticks, leaders, legend swatches."""
    return element(
        "line",
        {
            "x1": line.x1,
            "y1": line.y1,
            "x2": line.x2,
            "y2": line.y2,
            "stroke": stroke,
            "stroke-width": width,
        },
    )


@dataclass(frozen=True)
class TextLine:
    """A line of text, left-aligned, after an optional badge (white on navy: an event number)."""

    lead: str
    rest: str
    size: float
    metrics: TextMetrics

    @property
    def lead_width(self) -> float:
        if not self.lead:
            return 0.0
        return self.metrics.width(self.lead, self.size * BADGE_SCALE, bold=True) + 2 * BADGE_PAD

    @property
    def gap(self) -> float:
        return self.size * 0.5 if self.lead and self.rest else 0.0

    @property
    def width(self) -> float:
        return self.lead_width + self.gap + self.metrics.width(self.rest, self.size)

    @property
    def height(self) -> float:
        return self.size * (ASCENT + DESCENT)

    def box(self, x: float, y: float) -> Box:
        return Box(x, y, self.width, self.height)

    def svg(self, box: Box, fill: str = INK, rest_fill: str | None = None) -> str:
        baseline = box.y + self.size * ASCENT
        parts = []
        if self.lead:
            parts.append(
                element(
                    "rect",
                    {
                        "x": box.x,
                        "y": box.y + 0.3,
                        "width": self.lead_width,
                        "height": box.height - 0.6,
                        "rx": 1.6,
                        "fill": fill,
                    },
                )
            )
            parts.append(
                element(
                    "text",
                    {
                        "x": box.x + BADGE_PAD,
                        "y": baseline - 0.3,
                        "font-size": self.size * BADGE_SCALE,
                        "font-weight": "bold",
                        "fill": "white",
                    },
                    str(escape(self.lead)),
                )
            )
        if self.rest:
            parts.append(
                element(
                    "text",
                    {
                        "x": box.x + self.lead_width + self.gap,
                        "y": baseline,
                        "font-size": self.size,
                        "fill": rest_fill or fill,
                    },
                    str(escape(self.rest)),
                )
            )
        return "".join(parts)


def svg_root(kind: str, height: float, label: str, description: str, body: list[str]) -> Markup:
    """The root element: scales to the column (width 100%), named for screen readers."""
    title = element("title", {}, str(escape(label)))
    desc = element("desc", {}, str(escape(description)))
    return Markup(
        element(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "viewBox": f"0 0 {num(WIDTH)} {num(height)}",
                "width": "100%",
                "class": f"chart-svg chart-text {kind}",
                "role": "img",
                "aria-label": label,
                "font-family": FONT_FAMILY,
            },
            title + desc + "".join(body),
        )
    )


def legend(
    items: list[tuple[str, str]], top: float, metrics: TextMetrics
) -> tuple[list[str], list[Box], float]:
    """Swatches with captions in rows across the width; returns svg, caption boxes, bottom."""
    parts: list[str] = []
    boxes: list[Box] = []
    height = SMALL_SIZE * (ASCENT + DESCENT)
    x, y = 0.0, top
    for swatch, caption in items:
        text = TextLine("", caption, SMALL_SIZE, metrics)
        item_width = 14 + text.width
        if x > 0 and x + item_width > WIDTH:
            x, y = 0.0, y + height + 3
        middle = y + height / 2
        parts.append(f'<g transform="translate({num(x + 5)} {num(middle)})">{swatch}</g>')
        box = text.box(x + 13, y)
        parts.append(text.svg(box, fill=MUTED))
        boxes.append(box)
        x += item_width + 12
    return parts, boxes, y + height
