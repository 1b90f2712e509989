"""No function of the package is too branchy to change safely: radon's cyclomatic complexity
stays at or below the limit (the issue tracker's measure, which counts boolean operators)."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit

PACKAGE = Path(__file__).resolve().parent.parent / "briefer"
LIMIT = 15


def test_no_function_is_more_complex_than_the_limit():
    over = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > LIMIT:
                where = f"{path.relative_to(PACKAGE.parent)}:{block.lineno} {block.fullname}"
                over.append(f"{where} ({block.complexity})")
    assert not over, "too complex:\n" + "\n".join(over)
