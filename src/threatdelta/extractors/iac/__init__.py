"""Infrastructure-as-code extractors: Terraform (`.tf`) with python-hcl2."""

from threatdelta.extractors.iac.terraform import TerraformExtractor

__all__ = ["TerraformExtractor"]
