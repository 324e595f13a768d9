"""Reading the pod of a Kubernetes workload from its `IacResource` (the attributes the
Kubernetes extractor writes: `pod.<field>`, `pod.securityContext.<field>`,
`container.<name>`, `container.<name>.securityContext.<field>`, `container.<name>.env.<VAR>`;
init and ephemeral containers as `initContainer.` and `ephemeralContainer.`)."""

from __future__ import annotations

from threatdelta.model.elements import IacAttribute, IacResource

K8S = "k8s:"
_CONTAINER_LABELS = ("container.", "initContainer.", "ephemeralContainer.")


def is_kubernetes(resource: IacResource, *kinds: str) -> bool:
    """A Kubernetes object, of one of `kinds` when any are given."""
    if not resource.type.startswith(K8S):
        return False
    return not kinds or resource.type.removeprefix(K8S) in kinds


def setting(resource: IacResource, name: str) -> IacAttribute | None:
    return next((a for a in resource.attributes if a.name == name), None)


def is_true(attribute: IacAttribute | None) -> bool:
    return attribute is not None and attribute.value == "true"


def containers(resource: IacResource) -> tuple[IacAttribute, ...]:
    """The container items of a workload (attribute `container.<name>`: the image, with
    the item's lines), init and ephemeral containers included."""
    if not resource.type.startswith(K8S):
        return ()
    return tuple(
        a
        for a in resource.attributes
        if a.name.startswith(_CONTAINER_LABELS) and a.name.count(".") == 1
    )


def container_name(container: IacAttribute) -> str:
    return container.name.partition(".")[2]


def container_setting(
    resource: IacResource, container: IacAttribute, field: str
) -> IacAttribute | None:
    """A container's `securityContext.<field>`, else the pod's (the container's wins)."""
    own = setting(resource, f"{container.name}.securityContext.{field}")
    return own if own is not None else setting(resource, f"pod.securityContext.{field}")


def env_literals(resource: IacResource, container: IacAttribute) -> tuple[IacAttribute, ...]:
    """The container's environment variables set to a literal `value`."""
    prefix = f"{container.name}.env."
    return tuple(a for a in resource.attributes if a.name.startswith(prefix))


def env_name(variable: IacAttribute) -> str:
    return variable.name.rpartition(".env.")[2]
