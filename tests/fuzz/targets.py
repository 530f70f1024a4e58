"""The fuzz targets: what must hold for every input, however strange.

Each target runs under a watchdog (nothing hangs) and raises AssertionError when the property
fails; the tests around them decide how many examples to draw.
"""

from __future__ import annotations

import contextlib
import resource
import signal
import zipfile
from collections.abc import Iterator
from pathlib import Path

from xltools import values
from xltools.check import check_file
from xltools.errors import UserError
from xltools.mark import clear_file, mark_file
from xltools.workbook.limits import Limits
from xltools.workbook.read import ReadError

PEAK_GROWTH_MB = 300  # memory a target may add to the process, however many examples it draws


class Hang(Exception):
    pass


@contextlib.contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    """Fail the example if it runs longer than ``seconds`` (Python code; a SIGALRM timer)."""
    def expired(_signum: int, _frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def value_parser(raw: object) -> None:
    """Every text or number is understood or refused with a reason; the parser itself never fails."""
    from xltools.criteria import parse_criteria

    with watchdog(5):
        parsed = values.parse(raw)
        assert "内部解析错误" not in (parsed.problem or ""), (raw, parsed.problem)
        values.parse_amount(raw)
        if isinstance(raw, str):
            values.parse_number_text(raw.strip())
            parse_criteria(raw)


def random_workbook(data: bytes, folder: Path) -> None:
    """A valid workbook is read, checked, marked and cleared back to its original parts."""
    source, marked, cleared = folder / "随机 工作簿.xlsx", folder / "标记.xlsx", folder / "清除.xlsx"
    source.write_bytes(data)
    with watchdog(60):
        report = check_file(source)
        assert report.error is None, report.error
        mark_file(source, marked, report.findings)
        again = check_file(marked)
        assert again.error is None, again.error
        clear_file(marked, cleared)
        assert_same_parts(cleared, source)


def mutated_workbook(data: bytes, folder: Path) -> None:
    """A damaged real workbook gets an answer: its findings, or a Chinese refusal; a marked copy, if
    one is written, reads back, and clearing it gives back the damaged original's parts."""
    source, marked, cleared = folder / "变异.xlsx", folder / "标记.xlsx", folder / "清除.xlsx"
    source.write_bytes(data)
    for path in (marked, cleared):
        path.unlink(missing_ok=True)
    with watchdog(120):
        report = check_file(source)
        if report.error is not None:
            assert report.error.startswith("无法读取"), report.error
            return
        try:
            mark_file(source, marked, report.findings)
        except UserError:
            assert not marked.exists()
            return
        again = check_file(marked)
        assert again.error is None, again.error
        clear_file(marked, cleared)
        assert_same_parts(cleared, source)


def assert_same_parts(got: Path, expected: Path) -> None:
    a, b = parts(got), parts(expected)
    assert list(a) == list(b), f"parts differ: {sorted(set(a) ^ set(b))}"
    for name in a:
        if a[name] != b[name]:
            at = next(i for i, (x, y) in enumerate(zip(a[name] + b"\0", b[name] + b"\1")) if x != y)
            raise AssertionError(f"{name} differs at {at}: {a[name][max(at - 80, 0):at + 80]!r} "
                                 f"!= {b[name][max(at - 80, 0):at + 80]!r}")


def sheet_extents(body: str, folder: Path) -> None:
    """The pre-read never sees less of a sheet than python-calamine allocates."""
    from python_calamine import CalamineWorkbook

    from tests.hostile_corpus import package, sheet_xml
    from xltools.workbook.safety import inspect

    path = package(folder / "范围.xlsx", {"表1": sheet_xml(body)})
    with watchdog(20):
        try:
            scan = inspect(path, Limits()).sheets[0].scan
        except ReadError:
            return
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
        assert scan.rows >= len(rows) and scan.columns >= max((len(r) for r in rows), default=0)
