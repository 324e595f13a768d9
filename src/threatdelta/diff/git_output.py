"""Parsers for git's machine-readable (`-z`) output, and git's own quoting of path names.

Every parser raises `ValueError` on output it does not understand; `git.py` turns that into
a clear error. Paths stay bytes until they are shown, so no file name is ever mangled.
"""

from __future__ import annotations

from types import MappingProxyType

from threatdelta.diff.git_objects import STATUS_LETTERS, RawChange, TreeEntry, display_path

_NULL_MODE = "000000"
# git's quote_c_style with core.quotepath=false: these bytes get a letter escape, other
# control bytes an octal one; bytes >= 0x80 are left alone.
_LETTER_ESCAPES = MappingProxyType(
    {7: b"a", 8: b"b", 9: b"t", 10: b"n", 11: b"v", 12: b"f", 13: b"r"}
)


def _mode(value: str) -> str | None:
    return None if value == _NULL_MODE else value


def _blob(value: str) -> str | None:
    return None if value.strip("0") == "" else value


def _raw_header(field: bytes) -> tuple[str, str, str, str, str, int | None]:
    parts = field.decode("ascii").lstrip(":").split(" ")
    if len(parts) != 5 or not parts[4]:
        raise ValueError(f"unexpected raw diff record: {field!r}")
    old_mode, new_mode, old_blob, new_blob, status = parts
    letter, digits = status[0], status[1:]
    if letter not in STATUS_LETTERS:
        raise ValueError(f"unexpected change status {status!r}")
    return old_mode, new_mode, old_blob, new_blob, letter, int(digits) if digits else None


def parse_raw(data: bytes) -> tuple[RawChange, ...]:
    """Records of `git diff-tree -r -z --raw`: `:modes blobs status NUL path NUL [path NUL]`."""
    fields = data.split(b"\0")
    if fields and fields[-1] == b"":
        fields.pop()
    changes: list[RawChange] = []
    index = 0
    while index < len(fields):
        old_mode, new_mode, old_blob, new_blob, letter, score = _raw_header(fields[index])
        two_paths = letter in "RC"
        paths = fields[index + 1 : index + (3 if two_paths else 2)]
        if len(paths) != (2 if two_paths else 1):
            raise ValueError("raw diff output ends in the middle of a record")
        index += 1 + len(paths)
        old_path = paths[0] if letter != "A" else None
        new_path = paths[-1] if letter != "D" else None
        changes.append(
            RawChange(
                status=STATUS_LETTERS[letter],
                score=score if two_paths else None,
                old_mode=_mode(old_mode),
                new_mode=_mode(new_mode),
                old_blob=_blob(old_blob),
                new_blob=_blob(new_blob),
                old_path=old_path,
                new_path=new_path,
            )
        )
    return tuple(changes)


def parse_tree(data: bytes) -> tuple[TreeEntry, ...]:
    """Blob entries of `git ls-tree -r -z -l`: `mode type id size TAB path NUL`."""
    entries: list[TreeEntry] = []
    for record in data.split(b"\0"):
        if not record:
            continue
        meta, sep, path = record.partition(b"\t")
        parts = meta.decode("ascii").split()
        if not sep or len(parts) != 4:
            raise ValueError(f"unexpected tree record: {record!r}")
        mode, kind, object_id, size = parts
        if kind != "blob":
            continue  # submodules (commits) are not files of this repository
        entries.append(
            TreeEntry(path=display_path(path), blob_id=object_id, size=int(size), mode=mode)
        )
    return tuple(entries)


def count_status(data: bytes) -> tuple[int, int]:
    """(tracked changes, untracked files) from `git status --porcelain=v1 -z`."""
    tracked = untracked = 0
    fields = iter(data.split(b"\0"))
    for field in fields:
        if len(field) < 4:
            continue
        code = field[:2]
        if code == b"??":
            untracked += 1
            continue
        tracked += 1
        if code[:1] in (b"R", b"C"):
            next(fields, None)  # the original path of a staged rename or copy
    return tracked, untracked


def quote_path(prefix: bytes, path: bytes) -> bytes:
    """`prefix + path` as git prints it in a `diff --git` line (quoted only when needed)."""
    whole = prefix + path
    out = bytearray()
    quoted = False
    for byte in whole:
        if byte in _LETTER_ESCAPES:
            out += b"\\" + _LETTER_ESCAPES[byte]
        elif byte < 0x20 or byte == 0x7F:
            out += b"\\%03o" % byte
        elif byte in (0x22, 0x5C):  # " and backslash
            out += b"\\" + bytes([byte])
        else:
            out.append(byte)
            continue
        quoted = True
    return b'"' + bytes(out) + b'"' if quoted else whole


def patch_header(change: RawChange) -> bytes:
    """The `diff --git a/... b/...` line git prints for `change` (no newline)."""
    old = change.old_path if change.old_path is not None else change.new_path
    new = change.new_path if change.new_path is not None else change.old_path
    if old is None or new is None:
        raise ValueError("a change without any path")
    return b"diff --git " + quote_path(b"a/", old) + b" " + quote_path(b"b/", new)
