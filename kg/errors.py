"""Library exceptions. The CLI turns each into one line on stderr and an exit code."""


class KgError(Exception):
    """Base of every error kg reports to a user; the message says what to do next."""

    exit_code = 1


class UsageError(KgError):
    """The user asked for something that cannot be done as asked (exit 2)."""

    exit_code = 2


class NoGraphError(UsageError):
    """There is no built graph where a command looked for one."""


class QuerySyntaxError(UsageError):
    """A SPARQL query did not parse."""


class DocumentError(KgError):
    """One input document could not be read; the build goes on without it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class BuildLockedError(KgError):
    """Another build holds the output directory."""
