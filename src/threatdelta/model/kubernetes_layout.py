"""Where a Kubernetes object sits and what it selects, read from its `IacResource`
(`extractors/iac/kubernetes*.py`): its folder and namespace, its short name, its labels
and a Service's or NetworkPolicy's selector."""

from __future__ import annotations

import json

from threatdelta.model.elements import IacResource
from threatdelta.model.kubernetes_pods import K8S, containers, setting

POD_KINDS = frozenset(
    {
        "Pod",
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "ReplicaSet",
        "ReplicationController",
        "Job",
        "CronJob",
    }
)


def kind_of(resource: IacResource) -> str:
    return resource.type.removeprefix(K8S)


def placement(resource: IacResource) -> tuple[str, str, str]:
    """(folder, namespace, name) of an object named `[<folder>:]<namespace>/<name>`."""
    head, _, name = resource.name.rpartition("/")
    folder, _, namespace = head.rpartition(":")
    return folder, namespace, name


def mapping(resource: IacResource, name: str) -> dict[str, str]:
    """A JSON mapping attribute of scalars (labels, a selector), else {}."""
    attribute = setting(resource, name)
    if attribute is None:
        return {}
    try:
        value = json.loads(attribute.value)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if not isinstance(v, dict | list)}


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    """Does a non-empty label selector match a pod's labels?"""
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def first_image(resource: IacResource) -> str:
    found = [c for c in containers(resource) if c.name.startswith("container.")]
    return found[0].value if found else ""


def is_workload(resource: IacResource) -> bool:
    return resource.type.startswith(K8S) and kind_of(resource) in POD_KINDS
