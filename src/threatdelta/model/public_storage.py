"""What makes a storage bucket public outside Terraform's AWS spelling: a CloudFormation
`AWS::S3::Bucket`, a Google Cloud Storage bucket grant, an Azure storage account or
container. Each reader gives the attributes that expose the resource, each with a short
description; `public_storage_bucket` (TD-I009) reports them."""

from __future__ import annotations

from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import is_true
from threatdelta.model.iac_settings import items, own

Exposure = tuple[IacAttribute, str]

_CFN_PUBLIC_ACLS = {"PublicRead", "PublicReadWrite", "AuthenticatedRead"}
_CFN_BLOCK = "PublicAccessBlockConfiguration."
_GCP_EVERYONE = {"allUsers", "allAuthenticatedUsers"}
_GCP_GRANTS = {
    "google_storage_bucket_iam_member",
    "google_storage_bucket_iam_binding",
    "google_storage_bucket_access_control",
    "google_storage_default_object_access_control",
}
_AZURE_CONTAINER_PUBLIC = {"blob", "container"}


def cloudformation(bucket: IacResource) -> list[Exposure]:
    """`AccessControl: PublicRead` (and the like) unless the bucket's own public access
    block ignores or blocks ACLs."""
    acl = own(bucket, "AccessControl")
    if acl is None or acl.value not in _CFN_PUBLIC_ACLS:
        return []
    blocked = any(
        is_true(own(bucket, f"{_CFN_BLOCK}{flag}"))
        for flag in ("BlockPublicAcls", "IgnorePublicAcls")
    )
    return [] if blocked else [(acl, f"`AccessControl: {acl.value}`")]


def gcp(grant: IacResource) -> list[Exposure]:
    """A bucket grant to `allUsers` / `allAuthenticatedUsers`."""
    found: list[Exposure] = []
    for name in ("member", "members", "entity"):
        attribute = own(grant, name)
        if attribute is None:
            continue
        everyone = [str(v) for v in items(attribute.value) if str(v) in _GCP_EVERYONE]
        if everyone:
            found.append((attribute, f"a grant to `{everyone[0]}`"))
    return found


def azure(resource: IacResource) -> list[Exposure]:
    """A storage account allowing public blobs, or a container with public access."""
    if resource.type == "azurerm_storage_account":
        for name in ("allow_nested_items_to_be_public", "allow_blob_public_access"):
            attribute = own(resource, name)
            if is_true(attribute) and attribute is not None:
                return [(attribute, f"`{name} = true`")]
        return []
    access = own(resource, "container_access_type")
    if access is not None and access.value in _AZURE_CONTAINER_PUBLIC:
        return [(access, f'`container_access_type = "{access.value}"`')]
    return []


def exposures(resource: IacResource) -> list[Exposure]:
    """The exposures of a non-Terraform-AWS bucket-like resource (none for other types)."""
    if resource.type == "cfn:AWS::S3::Bucket":
        return cloudformation(resource)
    if resource.type in _GCP_GRANTS:
        return gcp(resource)
    if resource.type in {"azurerm_storage_account", "azurerm_storage_container"}:
        return azure(resource)
    return []
