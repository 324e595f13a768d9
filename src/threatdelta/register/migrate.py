"""Versions of the register file and the steps that upgrade an older one.

Version 1 is the first published format, so there is no upgrade step yet: `MIGRATIONS[n]`
is the function that turns a version-`n` mapping into a version-`n + 1` one, and
`upgrade` walks the chain up to `REGISTER_FILE_VERSION`. A file from a newer threatdelta
(a version above ours) is refused with a message saying so, never half-read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from threatdelta.register.schema import REGISTER_FILE_VERSION

RawRegister = Mapping[str, object]
Migration = Callable[[RawRegister], RawRegister]


class VersionProblem(ValueError):
    """The file's `version` cannot be read by this threatdelta."""


def migrations() -> Mapping[int, Migration]:
    """Upgrade steps by the version they upgrade from (none yet: 1 is the first version)."""
    return {}


def file_version(raw: RawRegister) -> int:
    """The `version` a file declares (1 when it declares none)."""
    value = raw.get("version", REGISTER_FILE_VERSION)
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise VersionProblem(f"version must be a whole number, not {value!r}")
    return int(value)


def upgrade(raw: RawRegister, steps: Mapping[int, Migration] | None = None) -> RawRegister:
    """The mapping upgraded to the current version; `VersionProblem` for a version this
    threatdelta does not know (newer than ours, or older with no upgrade step)."""
    steps = migrations() if steps is None else steps
    version = file_version(raw)
    if version > REGISTER_FILE_VERSION:
        raise VersionProblem(
            f"register version {version} is newer than this threatdelta understands "
            f"(up to {REGISTER_FILE_VERSION}); upgrade threatdelta"
        )
    while version < REGISTER_FILE_VERSION:
        step = steps.get(version)
        if step is None:
            raise VersionProblem(f"register version {version} is not a known version")
        raw = step(raw)
        version += 1
        raw = {**raw, "version": version}
    return raw
