"""Fix family `storage-public-access`: a public storage bucket (TD-I009) the ACL flip of
`iac-attribute` does not cover.

- An `aws_s3_bucket` public through a policy or grant: an `aws_s3_bucket_public_access_block`
  with all four flags true is added after the bucket; when the bucket has one, its false or
  missing flags are set to true.
- A Google Cloud grant of a bucket to `allUsers` / `allAuthenticatedUsers`
  (`google_storage_bucket_iam_member`): the grant resource is removed, unless something
  refers to it.
Unsafe: whatever relied on anonymous access stops working.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.edits import EditError, conventions
from threatdelta.remediation.families.iac_lines import assignment, is_generated
from threatdelta.remediation.families.terraform_blocks import Block, find_resource, resources

_FLAGS = (
    "block_public_acls",
    "block_public_policy",
    "ignore_public_acls",
    "restrict_public_buckets",
)
_BLOCK_TYPE = "aws_s3_bucket_public_access_block"
_GRANT_TYPE = "google_storage_bucket_iam_member"
_ELEMENT = re.compile(r"^iac:(?P<type>[\w-]+)\.(?P<name>[\w-]+)$")


class StoragePublicAccessFamily:
    """Blocks public access to an S3 bucket or removes a public Google Cloud grant."""

    name = "storage-public-access"
    rules = frozenset({"TD-I009"})

    def propose(self, request: FixRequest) -> Patch | None:
        element = _ELEMENT.match(request.threat.element)
        if element is None:
            return None  # e.g. a bucket made by a module instance
        if element.group("type") == "aws_s3_bucket":
            edits, summary = _s3(request, element.group("name"))
        elif element.group("type") == _GRANT_TYPE:
            edits, summary = _grant(request, element.group("name"))
        else:
            return None
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary=summary,
            edits=edits,
            guidance="Anonymous reads stop: serve content meant to be public through a CDN "
            "with its own access control.",
        )


def _s3(request: FixRequest, name: str) -> tuple[tuple[TextEdit, ...], str]:
    found = find_resource(request.files, "aws_s3_bucket", name)
    if found is None or is_generated(request.files[found.path]):
        return (), ""
    reference = re.compile(rf"\baws_s3_bucket\.{re.escape(name)}\.(id|bucket)\b")
    blocks = [
        b
        for b in resources(request.files, _BLOCK_TYPE)
        if any(reference.search(line) for line in b.body(request.files))
    ]
    if len(blocks) > 1:
        return (), ""
    if blocks:
        return _flags_on(
            request, blocks[0]
        ), "Turn on every flag of the bucket's public access block."
    if find_resource(request.files, _BLOCK_TYPE, name) is not None:
        return (), ""  # the name is taken by another bucket's block
    return _new_block(request, found, name), "Add a public access block with all four flags on."


def _new_block(request: FixRequest, bucket: Block, name: str) -> tuple[TextEdit, ...]:
    text = request.files[bucket.path]
    try:
        unit = conventions(text).indent_unit
    except EditError:
        return ()
    width = max(len(flag) for flag in _FLAGS)
    lines = [
        "",
        f'resource "{_BLOCK_TYPE}" "{name}" {{',
        f"{unit}bucket = aws_s3_bucket.{name}.id",
        "",
        *(f"{unit}{flag.ljust(width)} = true" for flag in _FLAGS),
        "}",
    ]
    at = bucket.end + 1  # 0-based index of the line after the closing brace
    return (TextEdit(path=bucket.path, start=at + 1, end=at, lines=tuple(lines)),)


def _flags_on(request: FixRequest, block: Block) -> tuple[TextEdit, ...]:
    text = request.files[block.path]
    if is_generated(text):
        return ()
    lines = text.splitlines()
    edits: list[TextEdit] = []
    seen: set[str] = set()
    for index in range(block.start + 1, block.end):
        current = assignment(lines[index], yaml=False)
        if current is None or current.key not in _FLAGS:
            continue
        seen.add(current.key)
        if current.value.strip() != "true":
            edits.append(
                TextEdit(
                    path=block.path,
                    start=index + 1,
                    end=index + 1,
                    lines=(current.with_value("true"),),
                )
            )
    missing = [flag for flag in _FLAGS if flag not in seen]
    if missing:
        pad = _inner_indent(lines, block)
        added = tuple(f"{pad}{flag} = true" for flag in missing)
        edits.append(TextEdit(path=block.path, start=block.end + 1, end=block.end, lines=added))
    return tuple(edits)


def _inner_indent(lines: list[str], block: Block) -> str:
    for line in lines[block.start + 1 : block.end]:
        if line.strip():
            return line[: len(line) - len(line.lstrip(" \t"))]
    return "  "


def _grant(request: FixRequest, name: str) -> tuple[tuple[TextEdit, ...], str]:
    found = find_resource(request.files, _GRANT_TYPE, name)
    if found is None or is_generated(request.files[found.path]):
        return (), ""
    used = re.compile(rf"\b{_GRANT_TYPE}\.{re.escape(name)}\b")
    if any(path.endswith(".tf") and used.search(text) for path, text in request.files.items()):
        return (), ""  # something depends on the grant
    lines = request.files[found.path].splitlines()
    start, end = found.start, found.end
    while start > 0 and lines[start - 1].lstrip().startswith(("#", "//")):
        start -= 1
    if start > 0 and not lines[start - 1].strip():
        start -= 1
    elif end + 1 < len(lines) and not lines[end + 1].strip():
        end += 1
    edit = TextEdit(path=found.path, start=start + 1, end=end + 1, lines=())
    return (edit,), "Remove the grant that makes the bucket readable by everyone."
