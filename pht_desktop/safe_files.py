"""Files that are never half-written and never world-readable (issue 12).

Everything the app writes that may hold health data (exports, reports, charts, backups)
goes through :func:`atomic_target`: a private (0600) temporary file beside the target,
fsync-ed, then renamed over it, so a kill or a full disk leaves the old file or the
new one, never a torn one under the user's chosen name. Leftover temporary files are
named ``.<name>.<random>.tmp`` and cleaned at start (``store.db.remove_leftovers``).

:func:`read_regular_file` and :func:`read_zip_members` read a file the user chose
without hanging or exhausting memory (issue 12; the run-file import reuses them).

Reusable by every layer but ``domain`` (which does no I/O).
"""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, Final

TEMP_SUFFIX: Final = ".tmp"


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless where folders cannot be opened."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def private_temp_beside(target: Path) -> Path:
    """An empty 0600 file in ``target``'s folder, named so start-up can clean it."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(fd)  # mkstemp makes it 0600
    return Path(name)


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a private temporary path; on success it replaces ``target`` atomically.

    On any error the temporary file is removed and ``target`` is as it was.
    """
    target = Path(target)
    temporary = private_temp_beside(target)
    try:
        yield temporary
        if sys.platform != "win32":
            temporary.chmod(0o600)  # a writer that re-created the file gets it back private
        fsync_file(temporary)
        os.replace(temporary, target)
        fsync_dir(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


# --- bounded reading ----------------------------------------------------------------------
#
# Reading a file the user picked (an import, a run file) must not hang, exhaust memory
# or crash: only regular files are opened, never through a symbolic link (a FIFO would
# block, /dev/zero never ends), every byte is counted while it is read (a zip header
# may lie), and every way a zip can fail becomes one RefusedFileError with a sentence
# for the user. The one bounded reader of the app: exports (issue 12) and run files
# (issue 14) both read through it.

CHUNK: Final = 1 << 16


class RefusedFileError(Exception):
    """A file that is not read; ``message`` says why, in words for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Caps for one file or archive (bytes are uncompressed, counted while reading)."""

    max_file_bytes: int = 256 * 1024 * 1024
    max_members: int = 64
    max_member_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 512 * 1024 * 1024


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def _lstat_regular(path: Path, limit: int | None) -> None:
    """Refuse, before opening, what is not a regular file or is over ``limit`` bytes.

    A symbolic link is refused (it can point anywhere — /dev/zero, another user's file —
    and no export or watch sync tool has a reason to make one); so is a folder, a FIFO
    (it would block the read) and a device (it would never end).
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise RefusedFileError(f"{path.name} is not there any more.") from None
    except OSError as exc:
        raise RefusedFileError(f"Cannot read {path.name} ({exc.strerror or exc}).") from exc
    if stat.S_ISLNK(info.st_mode):
        raise RefusedFileError(
            f"{path.name} is a symbolic link, not a regular file: choose the file it points to."
        )
    if stat.S_ISDIR(info.st_mode):
        raise RefusedFileError(f"{path.name} is a folder, not a file.")
    if not stat.S_ISREG(info.st_mode):
        raise RefusedFileError(
            f"{path.name} is not a regular file (a device, pipe or socket): not read."
        )
    if limit is not None and info.st_size > limit:
        raise RefusedFileError(
            f"{path.name} is {_mib(info.st_size)}: larger than {_mib(limit)}, too large to import."
        )


def open_regular_file(path: Path, limit: int | None = None) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file and no symbolic link.

    The path is checked with lstat, opened with O_NOFOLLOW and O_NONBLOCK (a FIFO
    swapped in cannot block the open) and checked again on the open descriptor, so the
    file cannot be swapped between check and read.
    """
    _lstat_regular(path, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise RefusedFileError(f"Cannot read {path.name} ({exc.strerror or exc}).") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise RefusedFileError(
                f"{path.name} is not a regular file (it changed while being opened): not read."
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(stream: IO[bytes], limit: int, what: str) -> bytes:
    """All of ``stream``, refusing as soon as more than ``limit`` bytes come out."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return b"".join(parts)
        total += len(chunk)
        if total > limit:
            raise RefusedFileError(f"{what} is larger than {_mib(limit)}: too large to import.")
        parts.append(chunk)


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, at most ``max_bytes`` (stat-checked, then counted while
    reading, so a file that grows after the check is still refused)."""
    with open_regular_file(path, max_bytes) as stream:
        try:
            return read_capped(stream, max_bytes, path.name)
        except OSError as exc:
            raise RefusedFileError(f"Cannot read {path.name} ({exc.strerror or exc}).") from exc


_ZIP_METHODS: Final = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


def _check_member(info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise RefusedFileError(f"{info.filename} is encrypted; exports are never encrypted.")
    if info.compress_type not in _ZIP_METHODS:
        raise RefusedFileError(
            f"{info.filename} uses a compression this app does not read "
            f"(method {info.compress_type}); exports use Deflate."
        )


def read_zip_members(path: Path, limits: ReadLimits | None = None) -> dict[str, bytes]:
    """Every file in a zip, bounded: members, bytes per member and in all (counted).

    Refuses encrypted members, compression other than Stored/Deflate, a name twice,
    and a damaged archive, each with a sentence; never a bare exception.
    """
    with ZipStream(path, limits or ReadLimits()) as archive:
        try:
            return {name: archive.read_bytes(name) for name in archive.names}
        except Exception as exc:
            raise _refusal(exc, path) from exc


# --- streaming a zip's members (an import of 700k rows never holds the files) -------------


class _Counted(io.RawIOBase):
    """A zip member's bytes, counted as they come out: caps refused, progress told.

    Every way reading can fail mid-stream (a bad CRC at the end, a damaged deflate
    stream) becomes a RefusedFileError, as for a member read whole.
    """

    def __init__(self, member: IO[bytes], name: str, archive: ZipStream) -> None:
        super().__init__()
        self._member = member
        self._name = name
        self._archive = archive
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            chunk = self._member.read(len(buffer))
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise RefusedFileError(f"The archive is damaged or incomplete ({exc}).") from exc
        except OSError as exc:
            raise RefusedFileError(f"Cannot read {self._name} ({exc.strerror or exc}).") from exc
        self._read += len(chunk)
        if self._read > self._archive.limits.max_member_bytes:
            raise RefusedFileError(
                f"{self._name} is larger than {_mib(self._archive.limits.max_member_bytes)}: "
                "not an export."
            )
        self._archive.counted(len(chunk))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self._member.close()
        super().close()


class ZipStream:
    """An export zip checked whole up front, its members then read one at a time.

    The checks of :func:`read_zip_members` (member count, a name twice, encryption,
    compression) happen on opening; the byte caps are counted while reading, and
    ``on_bytes(done, expected)`` hears of every chunk (``expected`` is what the zip
    header claims: good enough for a progress bar, never trusted for a cap).
    """

    def __init__(
        self,
        path: Path,
        limits: ReadLimits,
        on_bytes: Callable[[int, int], None] | None = None,
    ) -> None:
        self.limits = limits
        self._on_bytes = on_bytes
        self._done = 0
        self._stream = open_regular_file(path)
        try:
            self._archive = zipfile.ZipFile(self._stream)
            self.infos = _checked_infos(self._archive, limits)
        except BaseException as exc:
            self._stream.close()
            raise _refusal(exc, path) from exc
        self.expected = sum(i.file_size for i in self.infos.values())

    @property
    def names(self) -> list[str]:
        return list(self.infos)

    def counted(self, size: int) -> None:
        self._done += size
        if self._done > self.limits.max_total_bytes:
            raise RefusedFileError(
                f"The archive unpacks to more than {_mib(self.limits.max_total_bytes)}."
            )
        if self._on_bytes is not None:
            self._on_bytes(self._done, self.expected)

    def open_text(self, name: str) -> Iterator[str]:
        """A member as UTF-8 text lines (a byte-order mark is skipped), read lazily.

        Each line is decoded on its own, so a byte that is not UTF-8 raises
        UnicodeDecodeError when its very line is reached (the problem names it).
        """
        raw = _Counted(self._archive.open(self.infos[name]), name, self)
        return _utf8_lines(io.BufferedReader(raw, CHUNK), name)

    def read_bytes(self, name: str) -> bytes:
        with io.BufferedReader(_Counted(self._archive.open(self.infos[name]), name, self)) as f:
            return f.read()

    def close(self) -> None:
        self._archive.close()
        self._stream.close()

    def __enter__(self) -> ZipStream:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


MAX_LINE_BYTES: Final = 1024 * 1024
"""A longer line is not an export's (a row with the longest notes is a few KiB)."""


def _utf8_lines(stream: IO[bytes], name: str) -> Iterator[str]:
    with stream:
        line = stream.readline(MAX_LINE_BYTES + 1).removeprefix(b"\xef\xbb\xbf")
        while line:
            if len(line) > MAX_LINE_BYTES:
                raise RefusedFileError(
                    f"{name} has a line longer than {_mib(MAX_LINE_BYTES)}: not an export."
                )
            yield line.decode("utf-8")
            line = stream.readline(MAX_LINE_BYTES + 1)


def _checked_infos(archive: zipfile.ZipFile, limits: ReadLimits) -> dict[str, zipfile.ZipInfo]:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > limits.max_members:
        raise RefusedFileError(
            f"The archive holds {len(infos)} files; an export has at most {limits.max_members}."
        )
    names = [i.filename for i in infos]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise RefusedFileError(
            f"The archive holds {', '.join(twice[:3])} more than once; "
            "which copy to import would be a guess."
        )
    for info in infos:
        _check_member(info)
    return {i.filename: i for i in infos}


def _refusal(exc: BaseException, path: Path) -> BaseException:
    """Any failure to open an archive, as the one RefusedFileError the user reads."""
    if isinstance(exc, RefusedFileError) or not isinstance(exc, Exception):
        return exc
    if isinstance(exc, (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error)):
        return RefusedFileError(f"The archive is damaged or incomplete ({exc}).")
    if isinstance(exc, (RuntimeError, NotImplementedError, ValueError)):
        return RefusedFileError(f"The archive cannot be read ({exc}).")
    if isinstance(exc, OSError):
        return RefusedFileError(f"Cannot read {path.name} ({exc.strerror or exc}).")
    return exc
