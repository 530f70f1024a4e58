from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# CI must not fail by chance: the property tests draw the same (many) examples on every run,
# and a slow machine does not trip hypothesis' per-example deadline.
settings.register_profile("xltools", derandomize=True, deadline=None, max_examples=200)
settings.load_profile("xltools")

# xlwings registers its JSON (remote) engine only when a licence key is present when xlwings is
# first imported; the tests drive the Excel buttons through that engine. Test environment only.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def soffice_path() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail("LibreOffice (soffice) is required: .ci/run installs libreoffice-calc-nogui")
    return found


def recalc_with_libreoffice(paths: list[Path], out_dir: Path, fmt: str = "xlsx",
                            infilter: str | None = None) -> list[Path]:
    """Convert (and so recalculate) many files in one soffice call with a private profile."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as profile:
        cmd = [soffice_path(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               *([f"--infilter={infilter}"] if infilter else []),
               "--convert-to", fmt, "--outdir", str(out_dir), *map(str, paths)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600,
                                env={**os.environ, "HOME": profile})
    outputs = [out_dir / f"{p.stem}.{fmt}" for p in paths]
    missing = [p for p in outputs if not p.exists()]
    assert not missing, f"soffice did not produce {missing}: {result.stdout} {result.stderr}"
    return outputs


@pytest.fixture(scope="session")
def libreoffice() -> Callable[[list[Path], Path], list[Path]]:
    soffice_path()
    return recalc_with_libreoffice


@pytest.fixture()
def run_cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed console script the way a user does, in a scratch directory."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        beside_python = Path(sys.executable).parent / "xltools"
        exe = str(beside_python) if beside_python.exists() else shutil.which("xltools")
        assert exe, "the xltools console script is not installed (pip install -e .)"
        return subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd or tmp_path, timeout=300)

    return run
