"""Optional features without their extra: exit 2 and one line naming what to install, before any work."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import UsageError
from kg.extras import EXTRAS, require_extra


def hide(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Make `import module` fail as it does where the package is not installed."""
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # None in sys.modules: the import raises ImportError


@pytest.mark.parametrize("option", ["--png", "--svg"])
def test_viz_pictures_without_matplotlib(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, option: str) -> None:
    hide(monkeypatch, "matplotlib")
    picture = tmp_path / f"graph.{option[2:]}"
    result = CliRunner().invoke(cli, ["viz", option, str(picture), "--out", str(tmp_path / "no-graph-needed")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == 'Error: kg viz --png/--svg needs matplotlib, which is not installed: pip install "kg[viz]"\n'
    assert not picture.exists()


def test_build_on_a_cluster_without_distributed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hide(monkeypatch, "distributed")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The EU decided to close crossings.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == 'Error: kg build --scheduler needs distributed, which is not installed: pip install "kg[distributed]"\n'
    assert not out.exists()  # checked before the build starts


def test_a_broken_install_is_named_too(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str):  # type: ignore[no-untyped-def]
        raise ModuleNotFoundError("No module named 'PIL'", name="PIL")

    monkeypatch.setattr("kg.extras.importlib.import_module", broken)
    with pytest.raises(UsageError) as err:
        require_extra("viz")
    assert str(err.value) == (
        "kg viz --png/--svg needs matplotlib, which does not import (No module named 'PIL'): pip install \"kg[viz]\""
    )


def test_every_extra_is_declared_in_pyproject() -> None:
    import tomllib

    declared = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert set(EXTRAS) <= set(declared)


def test_with_the_extras_installed_nothing_is_required() -> None:
    for extra in EXTRAS:
        require_extra(extra)  # the test extra installs them all
