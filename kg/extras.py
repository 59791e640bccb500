"""Optional features and the pip extras that bring them: one line that says what to install, not a traceback."""

from __future__ import annotations

import importlib

from kg.errors import UsageError

# extra (pyproject.toml's [project.optional-dependencies]) → (the module that proves it is installed, what needs it)
EXTRAS: dict[str, tuple[str, str]] = {
    "viz": ("matplotlib", "kg viz --png/--svg"),
    "distributed": ("distributed", "kg build --scheduler"),
}


class MissingExtraError(UsageError):
    """An optional feature was asked for whose packages are not installed (exit 2)."""


def require_extra(extra: str) -> None:
    """Raise MissingExtraError naming `pip install "kg[extra]"` when the extra's module cannot be imported."""
    module, feature = EXTRAS[extra]
    try:
        importlib.import_module(module)
    except ImportError as err:
        problem = "which is not installed" if err.name in (module, None) else f"which does not import ({err})"
        raise MissingExtraError(f'{feature} needs {module}, {problem}: pip install "kg[{extra}]"') from None
