"""Golden tests: which module sources are followed, and the inputs a call gives."""

from __future__ import annotations

import pytest
from terraform_helpers import extract

from threatdelta.extractors.iac.terraform_modules import called_folder
from threatdelta.model.fragment import IacValueKind


@pytest.mark.parametrize(
    ("source", "caller", "folder"),
    [
        ("./modules/bucket", "infra", "infra/modules/bucket"),
        ("../shared/db", "infra/prod", "infra/shared/db"),
        ("./modules/db", "", "modules/db"),
        ("..", "infra", ""),
        ("../..", "infra", None),  # leaves the repository
        ("git::https://example.com/m.git", "infra", None),
        ("terraform-aws-modules/vpc/aws", "infra", None),
        ("./modules/${var.kind}", "infra", None),
    ],
)
def test_only_local_folders_inside_the_repository_are_followed(
    source: str, caller: str, folder: str | None
) -> None:
    assert called_folder(source, caller) == folder


def test_call_arguments_are_inputs_of_the_called_folder_and_meta_arguments_are_not() -> None:
    frag = extract(
        """\
        module "reports" {
          source     = "./modules/bucket"
          version    = "1.0.0"
          count      = 1
          acl        = "public-read"
          tags       = { team = "clinic" }
          depends_on = [aws_kms_key.main]
        }
        """
    )
    assert [
        (v.module, v.name, v.default, v.kind, v.caller, v.call, v.location.start_line)
        for v in frag.iac_variables
    ] == [
        ("infra/modules/bucket", "acl", "public-read", IacValueKind.INPUT, "infra", "reports", 5),
        (
            "infra/modules/bucket",
            "tags",
            '{"team":"clinic"}',
            IacValueKind.INPUT,
            "infra",
            "reports",
            6,
        ),
    ]
    assert frag.notifications == ()
