"""Score a briefing against gold annotations, so quality is a number a change cannot lower.

Two kinds of gold: a publisher's timeline (`gold_timeline.json`: days with sentences), scored as
in the timeline-summarisation literature (date F1, ROUGE-1/2 on matching days); and a hand-made
annotation of a small set (`tests/gold/samples.toml`): persons with roles, actors, non-actors,
dated events and open points.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class TimelineScores:
    """Date precision/recall/F1 over days; ROUGE F-scores averaged over the gold days."""

    produced_days: int
    gold_days: int
    date_precision: float
    date_recall: float
    date_f1: float
    rouge1: float
    rouge2: float


@dataclass(frozen=True)
class SampleScores:
    """Each figure is a fraction of the gold items satisfied, except the two counts."""

    persons_found: float
    person_roles: float
    actors_found: float
    non_actors_listed: int
    events_found: float
    wrong_dates: int
    open_points_found: float
    failures: tuple[str, ...]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ngrams(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_f(produced: str, gold: str, n: int = 1) -> float:
    """ROUGE-N F1 between two texts: lower-cased alphanumeric tokens, no stemming."""
    candidate, reference = _ngrams(produced, n), _ngrams(gold, n)
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    return _f1(overlap / sum(candidate.values()), overlap / sum(reference.values()))


def load_gold_timeline(path: Path) -> dict[str, str]:
    """`{"YYYY-MM-DD": "all gold sentences of that day"}` from a gold_timeline.json."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    days: dict[str, list[str]] = {}
    for entry in entries:
        days.setdefault(entry["date"], []).extend(entry["text"])
    return {day: " ".join(texts) for day, texts in days.items()}


def produced_days(briefing: dict[str, Any]) -> dict[str, str]:
    """Day-precision timeline entries of a JSON briefing, their texts joined per day.

    Month and year entries are not days: they count neither for nor against date F1."""
    days: dict[str, list[str]] = {}
    for event in briefing.get("timeline", []):
        if len(event["date"]) == 10:
            days.setdefault(event["date"], []).append(event["text"])
    return {day: " ".join(texts) for day, texts in days.items()}


def score_timeline(briefing: dict[str, Any], gold: dict[str, str]) -> TimelineScores:
    produced = produced_days(briefing)
    hits = set(produced) & set(gold)
    precision = len(hits) / len(produced) if produced else 0.0
    recall = len(hits) / len(gold) if gold else 0.0
    rouge = [
        sum(rouge_f(produced[day], gold[day], n) for day in hits) / len(gold) if gold else 0.0
        for n in (1, 2)
    ]
    return TimelineScores(
        len(produced), len(gold), precision, recall, _f1(precision, recall), *rouge
    )


# ------------------------------------------------------------------ hand-made sample gold


def _fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"^the\s+", "", text.strip().lower())


def _has(text: str, item: str) -> bool:
    """`item` ("a|b" means either) occurs in `text`, case- and quote-insensitively."""
    folded = _fold(text)
    return any(_fold(choice) in folded for choice in item.split("|"))


def _find_actor(actors: list[dict[str, Any]], names: list[str]) -> dict[str, Any] | None:
    wanted = {_fold(n) for n in names}
    for actor in actors:
        if {_fold(n) for n in [actor["name"], *actor.get("aliases", [])]} & wanted:
            return actor
    return None


def _source_ids(briefing: dict[str, Any]) -> dict[str, str]:
    """File name → source id ("S1")."""
    return {Path(s["path"]).name: s["id"] for s in briefing.get("sources", [])}


def score_samples(briefing: dict[str, Any], gold: dict[str, Any]) -> SampleScores:
    """Score a JSON briefing of the samples against `tests/gold/samples.toml`."""
    actors = briefing.get("actors", [])
    failures: list[str] = []

    persons = gold.get("person", [])
    found = roles = 0
    for person in persons:
        actor = _find_actor(actors, person["names"])
        if actor is None:
            failures.append(f"person missing: {person['names'][0]}")
            continue
        found += 1
        role = actor.get("role") or ""
        wanted = person.get("role", [])
        if (not role and person.get("role_optional")) or (
            role and all(_has(role, item) for item in wanted)
        ):
            roles += 1
        else:
            failures.append(f"role of {actor['name']}: {role!r}, expected {wanted}")

    others = gold.get("actor", [])
    others_found = 0
    for other in others:
        if _find_actor(actors, other["names"]) is None:
            failures.append(f"actor missing: {other['names'][0]}")
        else:
            others_found += 1

    listed = 0
    for non_actor in gold.get("non_actor", []):
        actor = _find_actor(actors, non_actor["names"])
        if actor is not None:
            listed += 1
            failures.append(f"not an actor, but listed: {actor['name']} ({non_actor['why']})")

    ids = _source_ids(briefing)
    timeline = briefing.get("timeline", [])
    events_found = wrong = 0
    for event in gold.get("event", []):
        source = ids.get(event["source"], event["source"])
        matches = [
            entry
            for entry in timeline
            if any(c["source"] == source for c in entry["citations"])
            and all(
                _has(" ".join([entry["text"], *(c["quote"] for c in entry["citations"])]), k)
                for k in event["keywords"]
            )
        ]
        right = [
            m for m in matches if m["date"] == event["date"] and m.get("end") == event.get("end")
        ]
        if right:
            events_found += 1
        elif matches:
            wrong += 1
            failures.append(f"wrong date {matches[0]['date']} for {event['date']}: {event['what']}")
        else:
            failures.append(f"event missing ({event['date']}): {event['what']}")

    questions = briefing.get("open_questions", [])
    points_found = 0
    for point in gold.get("open_point", []):
        if any(
            all(
                _has(" ".join([q["question"], *(c["quote"] for c in q["citations"])]), k)
                for k in point["keywords"]
            )
            for q in questions
        ):
            points_found += 1
        else:
            failures.append(f"open point missing: {point['what']}")

    def share(part: int, whole: list[Any]) -> float:
        return part / len(whole) if whole else 1.0

    return SampleScores(
        persons_found=share(found, persons),
        person_roles=share(roles, persons),
        actors_found=share(others_found, others),
        non_actors_listed=listed,
        events_found=share(events_found, gold.get("event", [])),
        wrong_dates=wrong,
        open_points_found=share(points_found, gold.get("open_point", [])),
        failures=tuple(failures),
    )


def load_sample_gold(path: Path) -> dict[str, Any]:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))
