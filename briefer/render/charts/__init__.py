"""The briefing's two figures as inline SVG: a timeline of the events and a co-mention network.

Every label position is computed here, not left to the renderer, so the result carries its own
geometry (`Figure.labels`) and tests can prove that no two labels overlap. No JavaScript, no
raster images, no external files; all text from the articles is escaped.

`primitives` holds the SVG building blocks, `metrics` measures text, `timeline` and `network`
draw one figure each.
"""

from briefer.render.charts.metrics import TextMetrics, text_width
from briefer.render.charts.network import co_mentions, network_figure
from briefer.render.charts.primitives import WIDTH, Box, Circle, Figure, Line
from briefer.render.charts.timeline import timeline_figure

__all__ = [
    "WIDTH",
    "Box",
    "Circle",
    "Figure",
    "Line",
    "TextMetrics",
    "co_mentions",
    "network_figure",
    "text_width",
    "timeline_figure",
]
