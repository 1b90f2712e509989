"""Errors the user can act on: the CLI prints `str(error)` on one line, exits `exit_code`."""


class BrieferError(Exception):
    exit_code = 1


class SourceError(BrieferError):
    """No sources, an unreadable file or a malformed manifest."""

    exit_code = 2


class ConfigError(BrieferError):
    """A bad flag value, an unknown section or a malformed config file."""

    exit_code = 3


class OutputError(BrieferError):
    """The output cannot be written where it was asked for."""

    exit_code = 4


class ModelError(BrieferError):
    """The spaCy pipeline named in the config is not installed."""

    exit_code = 5
