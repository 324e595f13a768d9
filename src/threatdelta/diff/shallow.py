"""What to tell the user when a ref or the merge base is not in the local history.

CI checkouts are often shallow (`actions/checkout` fetches one commit by default), so the
messages say exactly what to fetch.
"""

from __future__ import annotations

_FETCH_ALL = (
    "In GitHub Actions, set `fetch-depth: 0` on actions/checkout; locally, run "
    "`git fetch --unshallow`"
)


def missing_merge_base_message(base_ref: str, head_ref: str, shallow: bool) -> str:
    """Why `merge-base(base, head)` found nothing, and what to do about it."""
    if shallow:
        return (
            f"this is a shallow clone and the merge base of {base_ref!r} and {head_ref!r} is "
            "not in the fetched history. Fetch more history, e.g. `git fetch --deepen=100 "
            f"origin` (repeat until it is found), or fetch all of it. {_FETCH_ALL}"
        )
    return (
        f"{base_ref!r} and {head_ref!r} have no common history (no merge base): "
        f"{head_ref!r} was not branched from {base_ref!r}. Pass the branch the change is "
        "meant to be merged into as --base"
    )


def unknown_ref_hint(ref: str, shallow: bool, remote_resolves: bool) -> str:
    """A next step for a ref that does not resolve to a commit."""
    if remote_resolves:
        return f"Did you mean 'origin/{ref}'?"
    if shallow:
        return (
            f"This is a shallow clone: fetch the ref first, e.g. `git fetch origin {ref}`. "
            + _FETCH_ALL
        )
    return "Check the spelling, or fetch it first (e.g. `git fetch origin`)"
