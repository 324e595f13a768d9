"""Infrastructure-as-code extractors: Terraform (`.tf`) with python-hcl2, Kubernetes
manifests (`.yaml`/`.yml`)."""

from threatdelta.extractors.iac.kubernetes import KubernetesExtractor
from threatdelta.extractors.iac.terraform import TerraformExtractor

__all__ = ["KubernetesExtractor", "TerraformExtractor"]
