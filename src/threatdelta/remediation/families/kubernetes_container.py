"""Fix family `kubernetes-container`: container hardening in Kubernetes manifests.

TD-E007 (container may run as root): the container gets a `securityContext` with
`runAsNonRoot: true`, `allowPrivilegeEscalation: false` and all capabilities dropped, or
`runAsNonRoot: true` added to the block it has; an explicit `runAsNonRoot: false` flips.
TD-S009 (token automounted): `automountServiceAccountToken: false` on the pod.
TD-D010 (no memory limit): `resources.limits.memory` is added to the container, or a compose
service gets `mem_limit`. All are unsafe: an image built to run as root stops starting, a pod
that calls the API loses its token, and the limit (512Mi) is a starting point to tune.
Flow-style mappings get no patch.
"""

from __future__ import annotations

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.iac_lines import assignment, is_generated, spots
from threatdelta.remediation.families.yaml_blocks import (
    Node,
    block_value,
    child,
    item_at,
    yaml_step,
)

_MEMORY = "512Mi"
_COMPOSE_MEMORY = "512m"
_GUIDANCE = {
    "TD-E007": "The image must run as a non-root user (a numeric USER in its Dockerfile, or "
    "`runAsUser` here); also consider `readOnlyRootFilesystem: true`.",
    "TD-D010": "512 MiB is a starting point: set the limit from the container's observed "
    "peak memory.",
    "TD-S009": "Containers that call the Kubernetes API lose the mounted token: mount a "
    "projected token into those only.",
}
_SUMMARIES = {
    "TD-E007": "Run the container as non-root without privilege escalation.",
    "TD-D010": "Give the container a memory limit.",
    "TD-S009": "Stop mounting the service-account token into the pod.",
}


class KubernetesContainerFamily:
    """Non-root security context and memory limits for containers."""

    name = "kubernetes-container"
    rules = frozenset(_GUIDANCE)

    def propose(self, request: FixRequest) -> Patch | None:
        found = [s for s in spots(request.threat) if not s.config]
        if not found or not found[0].path.endswith((".yaml", ".yml")):
            return None
        text = request.text(found[0].path)
        if text is None or is_generated(text):
            return None
        lines = text.splitlines()
        step = yaml_step(lines)
        if step is None:
            return None
        index = found[0].line - 1
        if request.threat.rule_id == "TD-E007":
            new = _non_root(lines, index, step)
        elif request.threat.rule_id == "TD-S009":
            new = _no_token(lines, index)
        else:
            new = _memory(lines, index, step)
        if new is None:
            return None
        start, end, added = new
        edit = TextEdit(path=found[0].path, start=start, end=end, lines=tuple(added))
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary=_SUMMARIES[request.threat.rule_id],
            edits=(edit,),
            guidance=_GUIDANCE[request.threat.rule_id],
        )


_Edit = tuple[int, int, list[str]]  # start, end (1-based, TextEdit style), new lines


def _non_root(lines: list[str], index: int, step: str) -> _Edit | None:
    current = assignment(lines[index], yaml=True) if 0 <= index < len(lines) else None
    if current is not None and current.key == "runAsNonRoot":
        if current.value.strip() != "false":
            return None
        return index + 1, index + 1, [current.with_value("true")]
    node = item_at(lines, index)
    if node is None:
        return None
    context = child(lines, node, "securityContext")
    if context is None:
        pad = " " * node.column
        block = [
            f"{pad}securityContext:",
            f"{pad}{step}runAsNonRoot: true",
            f"{pad}{step}allowPrivilegeEscalation: false",
            f"{pad}{step}capabilities:",
            f"{pad}{step * 2}drop: [ALL]",
        ]
        return node.last + 2, node.last + 1, block
    inner = item_at(lines, context)
    if inner is None or not block_value(lines, context) or child(lines, inner, "runAsUser"):
        return None  # flow style, or a `runAsUser` to look at by hand
    return context + 2, context + 1, [f"{' ' * inner.column}runAsNonRoot: true"]


def _no_token(lines: list[str], index: int) -> _Edit | None:
    """`automountServiceAccountToken: false` on the pod: flipped, or set beside the pod's
    `serviceAccountName`."""
    current = assignment(lines[index], yaml=True) if 0 <= index < len(lines) else None
    if current is None or "-" in current.indent:
        return None
    if current.key == "automountServiceAccountToken":
        if current.value.strip() != "true":
            return None
        return index + 1, index + 1, [current.with_value("false")]
    if current.key not in {"serviceAccountName", "serviceAccount"}:
        return None
    return index + 2, index + 1, [f"{current.indent}automountServiceAccountToken: false"]


def _memory(lines: list[str], index: int, step: str) -> _Edit | None:
    node = item_at(lines, index)
    if node is None:
        return None
    if node.header < len(lines) and not lines[node.header].lstrip().startswith("-"):
        return _compose_memory(lines, node)
    pad = " " * node.column
    resources = child(lines, node, "resources")
    if resources is None:
        block = [f"{pad}resources:", f"{pad}{step}limits:", f"{pad}{step * 2}memory: {_MEMORY}"]
        image = child(lines, node, "image")
        after = image if image is not None and not block_value(lines, image) else node.last
        return after + 2, after + 1, block  # beside the image: the end is the security context's
    if not block_value(lines, resources):
        return None
    inner = item_at(lines, resources)
    if inner is None:
        return None
    limits = child(lines, inner, "limits")
    if limits is None:
        pad = " " * inner.column
        return resources + 2, resources + 1, [f"{pad}limits:", f"{pad}{step}memory: {_MEMORY}"]
    below = item_at(lines, limits)
    if below is None or not block_value(lines, limits):
        return None
    return limits + 2, limits + 1, [f"{' ' * below.column}memory: {_MEMORY}"]


def _compose_memory(lines: list[str], service: Node) -> _Edit | None:
    """`mem_limit` as the service's first key (no deploy limits are set, the rule says)."""
    if child(lines, service, "mem_limit") is not None:
        return None
    line = f"{' ' * service.column}mem_limit: {_COMPOSE_MEMORY}"
    return service.header + 2, service.header + 1, [line]
