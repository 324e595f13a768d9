"""Golden tests: Terraform `variable` blocks -> `IacVariable`s of the file's folder, with
the line of their default."""

from __future__ import annotations

from terraform_helpers import extract

from threatdelta.model.base import Location
from threatdelta.model.fragment import IacVariable


def test_variables_keep_their_folder_default_and_default_line() -> None:
    frag = extract(
        """\
        variable "reports_bucket_acl" {
          type        = string
          description = "Canned ACL of the reports bucket"
          default     = "public-read"
        }

        variable "replicas" {
          default = 2
        }
        """,
        path="infra/variables.tf",
    )
    where = Location(path="infra/variables.tf", start_line=4, end_line=4)
    assert frag.iac_variables == (
        IacVariable(
            module="infra", name="reports_bucket_acl", default="public-read", location=where
        ),
        IacVariable(
            module="infra",
            name="replicas",
            default="2",
            location=Location(path="infra/variables.tf", start_line=8, end_line=8),
        ),
    )
    assert frag.iac == ()


def test_variable_without_default_points_at_its_block() -> None:
    frag = extract('variable "bucket_acl" {\n  type = string\n}\n', path="variables.tf")
    assert frag.iac_variables == (
        IacVariable(
            module="",
            name="bucket_acl",
            default=None,
            location=Location(path="variables.tf", start_line=1, end_line=3),
        ),
    )


def test_list_and_map_defaults_are_structured_json() -> None:
    frag = extract(
        """\
        variable "cidrs" {
          default = ["10.0.0.0/8", "192.168.0.0/16"]
        }
        variable "tags" {
          default = {
            team = "platform"
          }
        }
        """
    )
    rendered = {v.name: (v.default, v.structured) for v in frag.iac_variables}
    assert rendered == {
        "cidrs": ('["10.0.0.0/8","192.168.0.0/16"]', True),
        "tags": ('{"team":"platform"}', True),
    }
    assert frag.iac_variables[1].location.start_line == 5
    assert frag.iac_variables[1].location.end_line == 7
