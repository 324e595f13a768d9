"""`primaryLocationLineHash` must equal what github/codeql-action computes.

The first vectors are codeql-action's own (`src/fingerprints.test.ts`). The BOM, astral-plane
and invalid-UTF-8 vectors were produced by running the algorithm of codeql-action's
`src/fingerprints.ts` in Node.js over the same bytes read through `fs.createReadStream(path,
"utf8")`, i.e. with Node's own decoding; they pin down how we decode files."""

from __future__ import annotations

import pytest

from threatdelta.reporters.sarif_line_hash import line_hashes

_END = "c129715d7a2bc9a3:1"
_GREETINGS = [
    "e9496ae3ebfced30:1",
    "fb7c023a8b9ccb3f:1",
    "ce8ba1a563dcdaca:1",
    "e20e36e16fcb0cc8:1",
    "b3edc88f2938467e:1",
    "c8e28b0b4002a3a0:1",
    _END,
]


def test_empty_file_has_one_line_hash() -> None:
    assert line_hashes("") == (_END,)


def test_leading_spaces_and_tabs_are_ignored() -> None:
    assert line_hashes(" a\nb\n  \t\tc\n d") == (
        "271789c17abda88f:1",
        "54703d4cd895b18:1",
        "180aee12dab6264:1",
        "a23a3dc5e078b07b:1",
    )


def test_file_without_final_newline() -> None:
    assert line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End") == (
        "8b7cf3e952e7aeb2:1",
        "b1ae1287ec4718d9:1",
        "bff680108adb0fcc:1",
        "c6805c5e1288b612:1",
        "b86d3392aea1be30:1",
        "e6ceba753e1a442:1",
    )


@pytest.mark.parametrize(
    "text",
    [
        " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
        " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
        " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
        " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
    ],
    ids=["lf", "cr", "crlf", "mixed"],
)
def test_every_line_ending_style_gives_the_same_hashes(text: str) -> None:
    assert line_hashes(text) == tuple(_GREETINGS)


def test_repeated_lines_get_occurrence_numbers() -> None:
    assert line_hashes("Lorem ipsum dolor sit amet.\n" * 10) == (
        "a7f2ff13bc495cf2:1",
        "a7f2ff13bc495cf2:2",
        "a7f2ff13bc495cf2:3",
        "a7f2ff13bc495cf2:4",
        "a7f2ff13bc495cf2:5",
        "a7f2ff13bc495cf2:6",
        "a7f2ff1481e87703:1",
        "a9cf91f7bbf1862b:1",
        "55ec222b86bcae53:1",
        "cc97dc7b1d7d8f7b:1",
        _END,
    )


def test_byte_order_mark_is_part_of_the_first_line() -> None:
    text = b"\xef\xbb\xbfdef f():\n    return 1\n".decode("utf-8", "replace")
    assert line_hashes(text) == ("f9193a5029270ce7:1", "c640be1c5b5a107a:1", _END)


def test_astral_characters_count_as_two_utf16_units() -> None:
    text = "x = '\U0001f600 café'\n  y = 2\n"
    assert line_hashes(text) == ("512be265a28bbb1e:1", "ab1f8ed3e7dc41c1:1", _END)


def test_invalid_utf8_is_hashed_as_replacement_characters() -> None:
    text = b"ok\n\xff\xfe bad \xc3( here\nend".decode("utf-8", "replace")
    assert line_hashes(text) == ("26088ee2935b6ea:1", "c3c319437864966a:1", "43b6461eda086fe2:1")


def test_one_hash_per_line_on_a_long_file() -> None:
    text = "".join(f"line {i}\n" for i in range(5000))
    hashes = line_hashes(text)
    assert len(hashes) == 5001
    assert len(set(hashes)) == 5001
