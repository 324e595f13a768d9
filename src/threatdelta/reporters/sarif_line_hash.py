"""GitHub's `primaryLocationLineHash`, computed the way github/codeql-action computes it
(`src/fingerprints.ts`, function `hash`), so code scanning tracks our alerts across line moves
exactly as it tracks alerts whose fingerprints the upload action fills in.

The algorithm: a rolling polynomial hash (base 37, 64-bit wrap-around) over a window of the
next 100 characters from the start of each line, where spaces and tabs are skipped, CR and
CRLF count as LF, and the end of the file is one extra character 65535 followed by NULs. A
line's hash is the window's value when the window has moved past it; a hash seen before in
the same file gets the next occurrence number (`<hex>:<n>`). Characters are UTF-16 code units
(JavaScript `charCodeAt`), so characters outside the BMP count as two surrogates.
"""

from __future__ import annotations

from collections.abc import Iterator

BLOCK_SIZE = 100
_MOD = 37
_MASK = (1 << 64) - 1
_FIRST_MOD = pow(_MOD, BLOCK_SIZE, 1 << 64)
_TAB, _SPACE, _LF, _CR, _EOF = 9, 32, 10, 13, 65535


def _utf16_units(text: str) -> Iterator[int]:
    for ch in text:
        code = ord(ch)
        if code > 0xFFFF:
            code -= 0x10000
            yield 0xD800 + (code >> 10)
            yield 0xDC00 + (code & 0x3FF)
        else:
            yield code


class _RollingHash:
    """One pass over a file; mirrors the closures of codeql-action's `hash`."""

    def __init__(self) -> None:
        self.window = [0] * BLOCK_SIZE
        self.line_numbers = [-1] * BLOCK_SIZE
        self.value = 0
        self.index = 0
        self.line_number = 0
        self.line_start = True
        self.prev_cr = False
        self.counts: dict[str, int] = {}
        self.hashes: list[str] = []

    def _output(self) -> None:
        digest = format(self.value, "x")
        self.counts[digest] = self.counts.get(digest, 0) + 1
        # lines are emitted in order, so the list index is line_numbers[index] - 1
        self.hashes.append(f"{digest}:{self.counts[digest]}")
        self.line_numbers[self.index] = -1

    def _update(self, current: int) -> None:
        begin = self.window[self.index]
        self.window[self.index] = current
        self.value = (_MOD * self.value + current - _FIRST_MOD * begin) & _MASK
        self.index = (self.index + 1) % BLOCK_SIZE

    def feed(self, current: int) -> None:
        if current in (_SPACE, _TAB) or (self.prev_cr and current == _LF):
            self.prev_cr = False
            return
        if current == _CR:
            current, self.prev_cr = _LF, True
        else:
            self.prev_cr = False
        if self.line_numbers[self.index] != -1:
            self._output()
        if self.line_start:
            self.line_start = False
            self.line_number += 1
            self.line_numbers[self.index] = self.line_number
        if current == _LF:
            self.line_start = True
        self._update(current)

    def finish(self) -> list[str]:
        self.feed(_EOF)
        for _ in range(BLOCK_SIZE):
            if self.line_numbers[self.index] != -1:
                self._output()
            self._update(0)
        return self.hashes


def line_hashes(text: str) -> tuple[str, ...]:
    """The hash of every line of `text`; element `i` belongs to line `i + 1`.

    `text` must be the file decoded as codeql-action decodes it: UTF-8 with a byte-order mark
    kept and invalid bytes replaced (`bytes.decode("utf-8", "replace")`)."""
    state = _RollingHash()
    for unit in _utf16_units(text):
        state.feed(unit)
    return tuple(state.finish())
