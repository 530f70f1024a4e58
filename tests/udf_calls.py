"""Call UDFs through xlwings in a child process (see tests/udf_runner.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT
from tests.udf_runner import ENV


def call_udfs(calls: list[tuple[str, list[object]]]) -> list[object]:
    """Each result comes back as xlwings returns it to Excel: a 2-D list; scalars are unwrapped."""
    out = _run(["call"], json.dumps(calls, ensure_ascii=False))
    results = json.loads(out)
    return [r[0][0] if isinstance(r, list) and len(r) == 1 and len(r[0]) == 1 else r for r in results]


def udf_metadata() -> dict:
    return json.loads(_run(["meta"], ""))


def _run(args: list[str], stdin: str) -> str:
    result = subprocess.run([sys.executable, "-m", "tests.udf_runner", *args], input=stdin, capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, **ENV}, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout
