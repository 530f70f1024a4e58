"""The one way xltools writes a file: marked copies, summaries, backups, reports, templates.

Every output goes to a temporary file in the target's own folder and is renamed over the
target only when complete, so a full disk, a lost permission or a crash never leaves a
half-written workbook, and never damages the file that was there. Before anything is
written the target is checked: it must not be one of the inputs, and it must not be open in
Excel (Excel keeps a ``~$name`` lock file beside an open workbook; LibreOffice and WPS a
``.~lock.name#``). Every failure is a ``OutputError`` with a Chinese message saying why.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from xltools.errors import UserError

TEMP_SUFFIX = ".xltools-tmp"


class OutputError(UserError):
    """An output could not be written (message in Chinese); nothing was changed."""


def reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese, without the system's English text."""
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    if winerror in (32, 33):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return "文件正被其他程序占用（可能正在 Excel 中打开），请关闭后重试"
    if code in (errno.EACCES, errno.EPERM):
        if os.name == "nt":
            return "没有权限，或文件正在 Excel 中打开（请关闭后重试）"
        return "没有权限"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "磁盘空间不足"
    if code == errno.EFBIG:
        return "超出系统允许的文件大小（磁盘或配额已满）"
    if code == errno.EROFS:
        return "所在磁盘是只读的"
    if code == errno.ENOENT:
        return "找不到文件或文件夹"
    if code == errno.ENOTDIR:
        return "路径中有一段不是文件夹"
    if code == errno.EISDIR:
        return "这是一个文件夹"
    if code == errno.ELOOP:
        return "路径中有循环的符号链接"
    if code == errno.ENAMETOOLONG:
        return "路径或文件名太长"
    if code in (errno.EBUSY, errno.ETXTBSY):
        return "文件正被其他程序占用"
    if code == errno.EIO:
        return "磁盘读写出错"
    name = errno.errorcode.get(code or 0, "")
    return f"系统错误 {name or code or type(exc).__name__}"


def lock_file(target: Path) -> Path | None:
    """The lock file an office program keeps beside ``target`` while it is open, if there is one."""
    name = target.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(name) > 2:
        candidates.append(f"~${name[2:]}")  # Word and some Excel versions drop the first two characters
    for candidate in candidates:
        path = target.with_name(candidate)
        if path.exists():
            return path
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def check_target(target: Path, inputs: Iterable[Path] = (), what: str = "输出文件") -> None:
    """Refuse before any work: an input as the output, a folder, a file open in Excel."""
    for source in inputs:
        if _same_file(target, source):
            hint = "（要在原文件上标记请用 --in-place）" if what == "标记副本" else ""
            raise OutputError(f"{what}不能覆盖原文件：{target} 就是被检查的文件本身；请换一个文件名{hint}")
    if target.is_dir():
        raise OutputError(f"无法写出{what} {target}：同名的文件夹已存在")
    lock = lock_file(target)
    if lock is not None:
        raise OutputError(f"无法写出{what} {target}：它正在 Excel 或 WPS 中打开（发现锁文件 {lock.name}），"
                          "请先关闭它再重试")


def write_with(target: Path, write: Callable[[Path], None], inputs: Iterable[Path] = (),
               what: str = "输出文件") -> Path:
    """Run ``write(temporary path)`` and move the result onto ``target`` only if it completed."""
    check_target(target, inputs, what)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建文件夹 {folder}：{reason(exc)}") from None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise OutputError(f"无法在 {folder} 中写出{what}：{reason(exc)}") from None
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except OSError as exc:
        _discard(temporary)
        raise OutputError(f"无法写出{what} {target}：{reason(exc)}；原有文件未被改动") from None
    except BaseException:
        _discard(temporary)
        raise
    return target


def write_bytes(target: Path, data: bytes, inputs: Iterable[Path] = (), what: str = "输出文件") -> Path:
    return write_with(target, lambda tmp: tmp.write_bytes(data), inputs, what)


def write_text(target: Path, text: str, inputs: Iterable[Path] = (), what: str = "输出文件") -> Path:
    return write_with(target, lambda tmp: tmp.write_text(text, encoding="utf-8"), inputs, what)


def copy_file(source: Path, target: Path, what: str = "备份") -> Path:
    """A complete copy of ``source`` (timestamps kept) or none at all."""
    return write_with(target, lambda tmp: shutil.copy2(source, tmp), [source], what)


def _keep_mode(target: Path, temporary: Path) -> None:
    """A replaced file keeps its permissions; a new one gets the usual ones (mkstemp makes it private)."""
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
    except OSError:
        pass


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
