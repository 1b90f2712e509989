"""The co-mention network: the top actors on a ring, linked by the sentences that name them
together, each name placed beside its node clear of every other name and node."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.models import Actor
from briefer.render.charts.metrics import TextMetrics, builtin_metrics
from briefer.render.charts.primitives import (
    ASCENT,
    DESCENT,
    LABEL_SIZE,
    LEADER_COLOUR,
    WIDTH,
    Box,
    Circle,
    Figure,
    Line,
    TextLine,
    element,
    legend,
    line_svg,
    num,
    svg_root,
)

MAX_ACTORS = 20
MIN_NETWORK_ACTORS = 3
NAME_CHARS = 28
_KINDS = {  # kind: (colour, legend caption)
    "person": ("#1f5fa8", "person"),
    "organisation": ("#b5562b", "organisation"),
    "state": ("#2e7d4f", "state"),
    "group": ("#7b4fa0", "group"),
}
_OTHER_KIND = ("#6b7785", "other")
EDGE_COLOUR = "#9aa9ba"


@dataclass
class _Node:
    actor: Actor
    rank: int
    radius: float
    x: float = 0.0
    y: float = 0.0

    @property
    def outline(self) -> Circle:
        """A circle around whatever shape the node is drawn as."""
        return Circle(self.x, self.y, self.radius * 1.25)


def co_mentions(actors: Sequence[Actor]) -> dict[tuple[int, int], int]:
    """Sentences naming both actors, for each pair (by index) that shares any."""
    passages = [set(a.passages) for a in actors]
    weights = {}
    for i in range(len(actors)):
        for j in range(i + 1, len(actors)):
            shared = len(passages[i] & passages[j])
            if shared:
                weights[(i, j)] = shared
    return weights


def network_figure(actors: Sequence[Actor], metrics: TextMetrics | None = None) -> Figure | None:
    """The top actors linked by the sentences that name them together; None when fewer than
    three are linked at all. Deterministic: the same actors always give the same picture."""
    top, weights = _linked(actors[:MAX_ACTORS])
    if len(top) < MIN_NETWORK_ACTORS:
        return None
    metrics = metrics or builtin_metrics()
    most = max(a.mentions for a in top) or 1
    nodes = [
        _Node(actor, rank, 3.2 + 5.0 * math.sqrt(max(actor.mentions, 1) / most))
        for rank, actor in enumerate(top)
    ]
    order = _circle_order(len(nodes), weights)
    names = [TextLine("", _name(n.actor.name), LABEL_SIZE, metrics) for n in nodes]
    widest = max(t.width for t in names)
    for extra in (0.0, 20.0, 40.0, 60.0, 90.0):
        ring = _Ring.around(nodes, widest, extra)
        ring.arrange(nodes, order)
        placed = _place_names(nodes, names, ring)
        if placed is not None:
            return _draw_network(nodes, names, placed, weights, ring.height, metrics)
    return None  # not reached in practice: the last, tallest attempt has room for every name


def _linked(actors: Sequence[Actor]) -> tuple[list[Actor], dict[tuple[int, int], int]]:
    """The actors that share a sentence with another, and their co-mentions re-indexed."""
    weights = co_mentions(actors)
    linked = sorted({i for pair in weights for i in pair})
    keep = {old: new for new, old in enumerate(linked)}
    return [actors[i] for i in linked], {(keep[a], keep[b]): w for (a, b), w in weights.items()}


@dataclass(frozen=True)
class _Ring:
    """The ellipse the nodes sit on, centred across the width, and the plot's height."""

    cx: float
    cy: float
    rx: float
    ry: float
    height: float

    @classmethod
    def around(cls, nodes: list[_Node], widest: float, extra: float) -> _Ring:
        """Room for the widest name on either side; `extra` makes the ring taller."""
        rx = min(175.0, WIDTH / 2 - widest - 16)
        ry = min(105.0, 40.0 + 3.2 * len(nodes)) + extra / 2
        top_margin = LABEL_SIZE * (ASCENT + DESCENT) + max(n.radius for n in nodes) * 1.25 + 5
        return cls(WIDTH / 2, top_margin + ry, rx, ry, 2 * ry + 2 * top_margin)

    def arrange(self, nodes: list[_Node], order: list[int]) -> None:
        """Evenly round the ring in `order`, clockwise from the top."""
        for position, index in enumerate(order):
            angle = -math.pi / 2 + 2 * math.pi * position / len(nodes)
            nodes[index].x = self.cx + self.rx * math.cos(angle)
            nodes[index].y = self.cy + self.ry * math.sin(angle)


def _name(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


def _circle_order(count: int, weights: dict[tuple[int, int], int]) -> list[int]:
    """Positions around the ring that keep strongly linked actors near each other.

    Greedy chain from the top actor, then pairwise swaps while they shorten the weighted arcs:
    fewer, shorter chords means fewer crossings. No randomness.
    """

    def weight(a: int, b: int) -> int:
        return weights.get((min(a, b), max(a, b)), 0)

    order = [0]
    rest = set(range(1, count))
    while rest:
        last = order[-1]
        before = order[-2] if len(order) > 1 else last
        best = max(rest, key=lambda k: (2 * weight(last, k) + weight(before, k), -k))
        order.append(best)
        rest.remove(best)

    def cost(sequence: list[int]) -> int:
        where = {node: p for p, node in enumerate(sequence)}
        total = 0
        for (a, b), w in weights.items():
            gap = abs(where[a] - where[b])
            total += w * min(gap, count - gap)
        return total

    current = cost(order)
    for _ in range(12):
        improved = False
        for i in range(1, count):  # the top actor stays at the top
            for j in range(i + 1, count):
                order[i], order[j] = order[j], order[i]
                trial = cost(order)
                if trial < current:
                    current, improved = trial, True
                else:
                    order[i], order[j] = order[j], order[i]
        if not improved:
            break
    return order


def _place_names(
    nodes: list[_Node], names: list[TextLine], ring: _Ring
) -> list[tuple[Box, Line | None]] | None:
    """A box per name beside its node, clear of other names and nodes; None if one has no room.

    Candidates go outward first (names sit outside the ring), then round the node, then further
    out with a leader line. Larger actors choose first.
    """
    circles = [n.outline for n in nodes]
    placed: list[tuple[Box, Line | None] | None] = [None] * len(nodes)
    boxes: list[Box] = []
    for index in sorted(range(len(nodes)), key=lambda k: nodes[k].rank):
        candidates = _name_candidates(nodes[index], names[index], ring.cx, ring.cy)
        chosen = next(
            (
                (box, leader)
                for box, leader in candidates
                if _name_fits(box, leader, boxes, circles, ring.height)
            ),
            None,
        )
        if chosen is None:
            return None
        placed[index] = chosen
        boxes.append(chosen[0])
    return [p for p in placed if p is not None]


def _name_fits(
    box: Box, leader: Line | None, names: list[Box], circles: list[Circle], height: float
) -> bool:
    """Inside the plot, clear of the names placed so far and of every node, and its leader (if
    any) crosses no name."""
    return (
        box.inside(WIDTH, height)
        and not any(box.overlaps(other, 1.5) for other in names)
        and not any(box.touches_circle(c, 1.2) for c in circles)
        and (leader is None or not any(_segment_hits_box(leader, other) for other in names))
    )


def _name_candidates(
    node: _Node, text: TextLine, cx: float, cy: float
) -> list[tuple[Box, Line | None]]:
    w, h, r = text.width, text.height, node.radius * 1.25 + 1.5
    dx, dy = node.x - cx, node.y - cy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length

    def around(distance: float) -> list[Box]:
        x, y = node.x, node.y
        d = r + distance
        right = Box(x + d, y - h / 2, w, h)
        left = Box(x - d - w, y - h / 2, w, h)
        above = Box(x - w / 2, y - d - h, w, h)
        below = Box(x - w / 2, y + d, w, h)
        above_right = Box(x + d * 0.6, y - d * 0.6 - h, w, h)
        above_left = Box(x - d * 0.6 - w, y - d * 0.6 - h, w, h)
        below_right = Box(x + d * 0.6, y + d * 0.6, w, h)
        below_left = Box(x - d * 0.6 - w, y + d * 0.6, w, h)
        if ux > 0.35:
            first = [right, above_right, below_right]
        elif ux < -0.35:
            first = [left, above_left, below_left]
        elif uy < 0:
            first = [above, above_right, above_left]
        else:
            first = [below, below_right, below_left]
        others = [right, left, above, below, above_right, above_left, below_right, below_left]
        return first + [b for b in others if b not in first]

    candidates: list[tuple[Box, Line | None]] = [(b, None) for b in around(0.5)]
    for distance in (8.0, 16.0, 26.0, 38.0, 52.0):
        for box in around(distance):
            # A leader from the node's edge to the nearest point of the name.
            tx = min(max(node.x, box.x), box.right)
            ty = min(max(node.y, box.y), box.bottom)
            gap = math.hypot(tx - node.x, ty - node.y) or 1.0
            sx = node.x + (tx - node.x) / gap * r
            sy = node.y + (ty - node.y) / gap * r
            candidates.append((box, Line(sx, sy, tx, ty)))
    return candidates


def _segment_hits_box(line: Line, box: Box) -> bool:
    """Whether a straight segment passes through a box (sampled finely enough for labels)."""
    steps = 24
    for k in range(1, steps):
        t = k / steps
        x = line.x1 + (line.x2 - line.x1) * t
        y = line.y1 + (line.y2 - line.y1) * t
        if box.x < x < box.right and box.y < y < box.bottom:
            return True
    return False


def _node_svg(node: _Node) -> str:
    colour = _KINDS.get(node.actor.kind, _OTHER_KIND)[0]
    return _shape_svg(node.actor.kind, node.x, node.y, node.radius, colour)


def _shape_svg(kind: str, x: float, y: float, r: float, colour: str) -> str:
    style = {"fill": colour, "stroke": "white", "stroke-width": 0.8}
    if kind == "organisation":
        side = r * 1.7
        return element(
            "rect", {"x": x - side / 2, "y": y - side / 2, "width": side, "height": side, **style}
        )
    if kind == "state":
        d = r * 1.2
        points = (
            f"{num(x)},{num(y - d)} {num(x + d)},{num(y)} {num(x)},{num(y + d)} "
            f"{num(x - d)},{num(y)}"
        )
        return element("polygon", {"points": points, **style})
    if kind == "group":
        d = r * 1.25
        points = " ".join(
            f"{num(x + d * math.cos(a))},{num(y + d * math.sin(a))}"
            for a in (-math.pi / 2, math.pi / 6, 5 * math.pi / 6)
        )
        return element("polygon", {"points": points, **style})
    return element("circle", {"cx": x, "cy": y, "r": r, **style})


FULL_WIDTH_AT = 6  # shared sentences that draw the widest link, or the heaviest link if more


def _link_width(shared: int, heaviest: int) -> float:
    """0.6 for one shared sentence, 3.6 for the heaviest link (or for six, when none is
    heavier): a large story's links, mostly many sentences each, still differ by weight."""
    return 0.6 + 3.0 * (min(shared, heaviest) - 1) / (max(heaviest, FULL_WIDTH_AT) - 1)


def _faint(width: float) -> bool:
    return width < 1.2  # the width of two shared sentences on the smallest scale


def _draw_network(
    nodes: list[_Node],
    names: list[TextLine],
    placed: list[tuple[Box, Line | None]],
    weights: dict[tuple[int, int], int],
    plot_height: float,
    metrics: TextMetrics,
) -> Figure:
    body = _draw_links(nodes, weights)
    body.extend(_node_svg(node) for node in sorted(nodes, key=lambda n: -n.radius))
    boxes, leaders = [], []
    for text, (box, leader) in zip(names, placed, strict=True):
        if leader is not None:
            leaders.append(leader)
            body.append(line_svg(leader, LEADER_COLOUR, 0.5))
        # A white ground keeps a name legible where a link passes behind it.
        ground = {"x": box.x - 0.8, "y": box.y, "width": box.width + 1.6, "height": box.height}
        body.append(element("rect", {**ground, "fill": "white", "fill-opacity": 0.85}))
        body.append(text.svg(box))
        boxes.append(box)
    legend_svg, legend_boxes, bottom = legend(
        _legend_items(nodes, weights), plot_height + 2, metrics
    )
    body.extend(legend_svg)
    boxes.extend(legend_boxes)
    height = bottom + 1.5
    label, description = _network_caption(nodes, weights)
    svg = svg_root("chart-network", height, label, description, body)
    circles = tuple(n.outline for n in nodes)
    return Figure(svg, WIDTH, height, tuple(boxes), tuple(leaders), circles)


def _draw_links(nodes: list[_Node], weights: dict[tuple[int, int], int]) -> list[str]:
    """One line per linked pair, the strongest drawn last (on top).

    Up to six shared sentences the scale is absolute, so one shared sentence always looks
    slight; beyond, it is relative to the heaviest link. Slight links also fade so the strong
    ones stand out in a dense network."""
    heaviest = max(weights.values(), default=1)
    widths = {pair: _link_width(w, heaviest) for pair, w in weights.items()}
    return [
        element(
            "line",
            {
                "x1": nodes[a].x,
                "y1": nodes[a].y,
                "x2": nodes[b].x,
                "y2": nodes[b].y,
                "stroke": EDGE_COLOUR,
                "stroke-width": widths[(a, b)],
                "stroke-opacity": 0.5 if _faint(widths[(a, b)]) else 0.9,
                "stroke-linecap": "round",
            },
        )
        for (a, b), _ in sorted(weights.items(), key=lambda item: item[1])
    ]


def _legend_items(nodes: list[_Node], weights: dict[tuple[int, int], int]) -> list[tuple[str, str]]:
    """The kinds of actor shown (known kinds in their usual order), link width and node size."""
    kinds = list(dict.fromkeys(n.actor.kind for n in nodes))
    items = []
    for kind in [*(k for k in _KINDS if k in kinds), *(k for k in kinds if k not in _KINDS)]:
        colour, caption = _KINDS.get(kind, _OTHER_KIND)
        items.append((_shape_svg(kind, 0, 0, 3.2, colour), caption))
    heaviest = max(weights.values())
    thick = line_svg(Line(-5, 0, 5, 0), EDGE_COLOUR, _link_width(heaviest, heaviest))
    span = f"1–{heaviest}" if heaviest > 1 else "1"
    items.append((thick, f"link width: sentences naming both ({span})"))
    sizes = element("circle", {"cx": -2.5, "cy": 0, "r": 1.6, "fill": _OTHER_KIND[0]}) + element(
        "circle", {"cx": 2.6, "cy": 0, "r": 3.0, "fill": _OTHER_KIND[0]}
    )
    items.append((sizes, "size: mentions"))
    return items


def _network_caption(nodes: list[_Node], weights: dict[tuple[int, int], int]) -> tuple[str, str]:
    """The figure's accessible name, and a description naming the five strongest links."""
    strongest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:5]
    pairs = "; ".join(
        f"{nodes[a].actor.name} and {nodes[b].actor.name} ({w})" for (a, b), w in strongest
    )
    label = f"Network of {len(nodes)} actors linked when the same sentence names them"
    return label, f"Strongest links, by sentences naming both: {pairs}."
