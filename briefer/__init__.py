"""briefer: a folder of news articles in, a printable briefing with every statement cited out."""

__version__ = "0.1.0"

__all__ = ["__version__", "build", "build_briefing"]


def __getattr__(name: str) -> object:
    """`briefer.build` and `briefer.build_briefing`, imported on first use so that
    `briefer --help` stays fast."""
    if name in ("build", "build_briefing"):
        from briefer import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
