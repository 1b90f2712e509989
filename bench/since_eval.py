"""`--since` on real article sets: brief the earlier articles, then all of them `--since` that
briefing, and count what is marked. An item is expected new when every source it rests on is
one of the articles added; the marks should be exactly those.

    python bench/since_eval.py [SET_FOLDER ...]   # default: the samples and the dev-eval sets

Each set folder holds articles and a `sources.toml` with publication dates (or an `articles/`
folder that does); the latest third of the articles by date is the one added.
"""

from __future__ import annotations

import json
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from briefer.config import BuildRequest
from briefer.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
DEV_EVAL = Path("/work/shared/dev-eval")


def _citations(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        own = [value] if "source" in value and "quote" in value else []
        return own + [c for v in value.values() for c in _citations(v)]
    if isinstance(value, list):
        return [c for v in value for c in _citations(v)]
    return []


def _support(key: str, item: dict[str, Any]) -> set[str]:
    ids = {c["source"] for c in _citations(item)} | set(item.get("sources", []))
    return ids | {item["id"]} if key == "sources" else ids


def _earlier_folder(folder: Path, target: Path) -> int:
    """Copy all but the latest third of the articles (by date) into `target`; how many."""
    manifest = tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))
    names = sorted(manifest, key=lambda n: (str(manifest[n].get("published", "")), n))
    keep = names[: max(1, round(len(names) * 2 / 3))]
    target.mkdir(parents=True)
    lines = []
    for name in keep:
        (target / name).write_bytes((folder / name).read_bytes())
        lines.append(f"[{json.dumps(name)}]")
        lines += [f"{k} = {json.dumps(v)}" for k, v in manifest[name].items()]
    (target / "sources.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(keep)


def evaluate(folder: Path, work: Path) -> dict[str, Any]:
    kept = _earlier_folder(folder, work / "earlier")
    before = work / "before.json"
    build(BuildRequest(sources=work / "earlier", output=before, format="json"))
    after_path = work / "after.json"
    build(BuildRequest(sources=folder, output=after_path, format="json", since=before))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    compared = after["since"][0]
    added = set(compared["new_sources"])
    expected, marked, changed, total = set(), set(), set(), 0
    for key, items in after.items():
        if key == "since" or not isinstance(items, list):
            continue
        for index, item in enumerate(i for i in items if isinstance(i, dict)):
            total += 1
            support = _support(key, item)
            if support and support <= added:
                expected.add((key, index))
            if item.get("since") == "new":
                marked.add((key, index))
            elif item.get("since") == "changed":
                changed.add((key, index))
    return {
        "set": folder.parent.name if folder.name == "articles" else folder.name,
        "articles": len(after["sources"]),
        "earlier": kept,
        "new_sources": len(added),
        "items": total,
        "expected_new": len(expected),
        "marked_new": len(marked),
        "exact": marked == expected,
        "changed": len(changed),
        "answered": sum(1 for i in after["since"] if i["kind"] == "answered"),
        "missed": sorted(expected - marked),
        "extra": sorted(marked - expected),
    }


def main(argv: list[str]) -> None:
    folders = [Path(a) for a in argv] or [
        ROOT / "sources",
        *sorted(p / "articles" for p in DEV_EVAL.iterdir() if (p / "articles").is_dir()),
    ]
    for folder in folders:
        with tempfile.TemporaryDirectory() as work:
            print(json.dumps(evaluate(folder, Path(work))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
