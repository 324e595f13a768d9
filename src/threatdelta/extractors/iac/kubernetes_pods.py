"""The pod spec of a Kubernetes workload as attributes.

Where the pod spec is: `spec` of a Pod, `spec.template.spec` of a Deployment, StatefulSet,
DaemonSet, ReplicaSet, ReplicationController or Job, `spec.jobTemplate.spec.template.spec`
of a CronJob. Attributes, named so that a rule reads them without walking YAML:

- `pod.<field>` for `hostNetwork`, `hostPID`, `hostIPC`, `automountServiceAccountToken`,
  `serviceAccountName` (and the older `serviceAccount`);
- `pod.securityContext.<field>` for every field of the pod's security context, dotted;
- `container.<name>` (`initContainer.<name>`, `ephemeralContainer.<name>`): the image, with
  the lines of the whole container item;
- `container.<name>.securityContext.<field>`, dotted (`capabilities.add` as a JSON list);
- `container.<name>.env.<VAR>`: an environment variable's literal `value` (one set through
  `valueFrom` is not a literal and is left out), with the lines of `value`;
- `container.<name>.envFrom.<VAR>`: a variable set through `valueFrom`, its value the
  kind of reference (`secretKeyRef`, `configMapKeyRef`, ...), with the lines of `valueFrom`;
- `container.<name>.resources.limits.<cpu|memory|...>`, `container.<name>.livenessProbe`,
  `container.<name>.command` and `container.<name>.args` (JSON) when written.
"""

from __future__ import annotations

from threatdelta.extractors.iac.kubernetes_values import attribute, entry, flattened
from threatdelta.extractors.openapi.tree import YamlMap, YamlSeq
from threatdelta.model.elements import IacAttribute

WORKLOADS = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}
)
_POD_FIELDS = (
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "automountServiceAccountToken",
    "serviceAccountName",
    "serviceAccount",
)
_CONTAINER_LISTS = (
    ("containers", "container"),
    ("initContainers", "initContainer"),
    ("ephemeralContainers", "ephemeralContainer"),
)


def _at(mapping: YamlMap | None, *keys: str) -> YamlMap | None:
    for key in keys:
        if mapping is None:
            return None
        mapping = mapping.map(key)
    return mapping


def pod_spec(kind: str, document: YamlMap) -> YamlMap | None:
    """The pod spec of a workload, or None for any other kind."""
    if kind == "Pod":
        return document.map("spec")
    if kind in WORKLOADS:
        return _at(document, "spec", "template", "spec")
    if kind == "CronJob":
        return _at(document, "spec", "jobTemplate", "spec", "template", "spec")
    return None


def pod_attributes(spec: YamlMap, path: str) -> list[IacAttribute]:
    found: list[IacAttribute] = []
    for field in _POD_FIELDS:
        found += entry(spec, field, f"pod.{field}", path)
    context = spec.map("securityContext")
    if context is not None:
        found += flattened(context, "pod.securityContext.", path)
    for key, label in _CONTAINER_LISTS:
        containers = spec.seq(key)
        if containers is not None:
            found += _containers(containers, label, path)
    return found


def _containers(containers: YamlSeq, label: str, path: str) -> list[IacAttribute]:
    found: list[IacAttribute] = []
    for index, item in enumerate(containers):
        if not isinstance(item, YamlMap):
            continue
        name = f"{label}.{item.text('name') or index}"
        found.append(attribute(name, item.get("image"), containers.spans[index], path))
        context = item.map("securityContext")
        if context is not None:
            found += flattened(context, f"{name}.securityContext.", path)
        found += _env(item.seq("env"), f"{name}.env.", path)
        resources = item.map("resources")
        limits = resources.map("limits") if resources is not None else None
        if limits is not None:
            found += flattened(limits, f"{name}.resources.limits.", path)
        found += entry(item, "livenessProbe", f"{name}.livenessProbe", path)
        found += entry(item, "command", f"{name}.command", path)
        found += entry(item, "args", f"{name}.args", path)
    return found


def _env(env: YamlSeq | None, prefix: str, path: str) -> list[IacAttribute]:
    if env is None:
        return []
    found = [
        attribute(prefix + variable, item["value"], item.span_of("value"), path)
        for item in env.maps()
        if (variable := item.text("name")) and "value" in item and item["value"] is not None
    ]
    referenced = prefix.removesuffix("env.") + "envFrom."
    return found + [
        attribute(referenced + variable, ",".join(sorted(source)), item.span_of("valueFrom"), path)
        for item in env.maps()
        if (variable := item.text("name")) and (source := item.map("valueFrom")) is not None
    ]
