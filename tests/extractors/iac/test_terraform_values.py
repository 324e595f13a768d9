"""Golden tests: locals, tfvars, `.tf.json` and module calls become values the linker
substitutes, through a whole scan of a small repository."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from terraform_helpers import extract

from threatdelta.model.base import EvidenceRole, Location
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.fragment import IacValueKind
from threatdelta.pipeline import scan


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(dedent(text))


def _resources(root: Path) -> dict[str, IacResource]:
    return {r.key: r for r in scan(root).model.iac}


def _attribute(resource: IacResource, name: str) -> IacAttribute:
    return next(a for a in resource.attributes if a.name == name)


def _config(attribute: IacAttribute) -> list[Location]:
    return [e.location for e in attribute.evidence if e.role is EvidenceRole.CONFIG]


def test_locals_block_entries_are_local_values_of_the_folder() -> None:
    frag = extract('locals {\n  env = "prod"\n  acl = "public-read"\n}\n')
    assert [(v.name, v.default, v.kind) for v in frag.iac_variables] == [
        ("env", "prod", IacValueKind.LOCAL),
        ("acl", "public-read", IacValueKind.LOCAL),
    ]


def test_local_using_a_variable_default_reaches_the_resource(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "infra/main.tf": """\
            variable "visibility" {
              default = "public"
            }
            locals {
              acl = "${var.visibility}-read"
            }
            resource "aws_s3_bucket_acl" "r" {
              acl = local.acl
            }
            """
        },
    )
    acl = _attribute(_resources(tmp_path)["iac:aws_s3_bucket_acl.r"], "acl")
    assert (acl.value, acl.variables) == ("public-read", ("visibility",))
    assert [loc.start_line for loc in _config(acl)] == [5, 2]


def test_terraform_tfvars_overrides_the_default_and_is_not_a_default(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "infra/variables.tf": 'variable "acl" {\n  default = "private"\n}\n',
            "infra/main.tf": 'resource "aws_s3_bucket_acl" "r" {\n  acl = var.acl\n}\n',
            "infra/terraform.tfvars": 'acl = "public-read"\n',
        },
    )
    acl = _attribute(_resources(tmp_path)["iac:aws_s3_bucket_acl.r"], "acl")
    assert (acl.value, acl.variables) == ("public-read", ())
    assert _config(acl) == [Location(path="infra/terraform.tfvars", start_line=1, end_line=1)]


def test_auto_tfvars_wins_over_terraform_tfvars(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.tf": 'resource "aws_db_instance" "db" {\n  publicly_accessible = var.pub\n}\n',
            "terraform.tfvars": "pub = false\n",
            "z.auto.tfvars": "pub = true\n",
        },
    )
    public = _attribute(_resources(tmp_path)["iac:aws_db_instance.db"], "publicly_accessible")
    assert public.value == "true"


def test_tf_json_resources_and_variables_read_like_hcl(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "infra/main.tf.json": """\
            {
              "variable": {"acl": {"default": "public-read"}},
              "resource": {
                "aws_s3_bucket": {
                  "logs": {
                    "acl": "${var.acl}",
                    "versioning": {"enabled": false}
                  }
                }
              }
            }
            """
        },
    )
    bucket = _resources(tmp_path)["iac:aws_s3_bucket.logs"]
    acl = _attribute(bucket, "acl")
    assert (acl.value, acl.variables) == ("public-read", ("acl",))
    assert acl.evidence[0].location.start_line == 6
    assert _attribute(bucket, "versioning.enabled").value == "false"


def test_module_input_sets_the_variable_of_the_called_folder(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "infra/main.tf": """\
            module "reports" {
              source = "./modules/bucket"
              acl    = "public-read"
            }
            """,
            "infra/modules/bucket/main.tf": """\
            variable "acl" {
              default = "private"
            }
            resource "aws_s3_bucket_acl" "this" {
              acl = var.acl
            }
            """,
        },
    )
    acl = _attribute(_resources(tmp_path)["iac:aws_s3_bucket_acl.this"], "acl")
    assert (acl.value, acl.variables) == ("public-read", ())
    assert _config(acl) == [Location(path="infra/main.tf", start_line=3, end_line=3)]


def test_module_input_from_the_callers_tfvars_carries_both_places(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.tf": 'module "a" {\n  source = "./m"\n  public = var.public\n}\n',
            "terraform.tfvars": "public = true\n",
            "m/db.tf": 'resource "aws_db_instance" "db" {\n  publicly_accessible = var.public\n}\n',
        },
    )
    public = _attribute(_resources(tmp_path)["iac:aws_db_instance.db"], "publicly_accessible")
    assert public.value == "true"
    assert [loc.path for loc in _config(public)] == ["main.tf", "terraform.tfvars"]


def test_two_calls_give_one_instance_each(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.tf": """\
            module "logs" {
              source = "./bucket"
              acl    = "private"
            }
            module "site" {
              source = "./bucket"
              acl    = "public-read"
            }
            """,
            "bucket/main.tf": """\
            resource "aws_s3_bucket" "this" {}
            resource "aws_s3_bucket_acl" "this" {
              bucket = aws_s3_bucket.this.id
              acl    = var.acl
            }
            """,
        },
    )
    found = _resources(tmp_path)
    site = found["iac:aws_s3_bucket.this[module.site]"]
    assert _attribute(site, "acl").value == "public-read"
    assert _attribute(found["iac:aws_s3_bucket.this[module.logs]"], "acl").value == "private"


def test_remote_and_outside_modules_are_noted_as_not_followed(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "infra/main.tf": """\
            module "vpc" {
              source = "terraform-aws-modules/vpc/aws"
            }
            module "shared" {
              source = "git::https://example.com/modules.git//bucket"
            }
            module "up" {
              source = "../../elsewhere"
            }
            resource "aws_s3_bucket" "kept" {}
            """
        },
    )
    report = scan(tmp_path)
    notes = [n for n in report.notifications if n.code == "module-not-followed"]
    assert len(notes) == 3 and all(n.path == "infra/main.tf" for n in notes)
    assert [r.key for r in report.model.iac] == ["iac:aws_s3_bucket.kept"]


def test_malformed_tfvars_is_noted_and_defaults_still_apply(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "variables.tf": 'variable "acl" {\n  default = "private"\n}\n',
            "main.tf": 'resource "aws_s3_bucket_acl" "r" {\n  acl = var.acl\n}\n',
            "terraform.tfvars": 'acl = = "public-read"\n',
        },
    )
    report = scan(tmp_path)
    assert [(n.code, n.path) for n in report.notifications if n.path == "terraform.tfvars"] == [
        ("parse-error", "terraform.tfvars")
    ]
    [acl] = report.model.iac[0].attributes
    assert acl.value == "private"


def test_resources_of_unknown_providers_are_kept_as_written() -> None:
    frag = extract('resource "acme_widget" "w" {\n  open = true\n}\n')
    assert [(r.key, [a.value for a in r.attributes]) for r in frag.iac] == [
        ("iac:acme_widget.w", ["true"])
    ]
    assert frag.notifications == ()


def test_tfvars_json_is_read_like_tfvars(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "variables.tf": 'variable "ports" {\n  default = [443]\n}\n',
            "main.tf": 'resource "aws_db_instance" "db" {\n  publicly_accessible = var.pub\n}\n',
            "terraform.tfvars": "pub = false\n",
            "terraform.tfvars.json": '{\n  "pub": true,\n  "ports": [22, 443]\n}\n',
        },
    )
    public = _attribute(_resources(tmp_path)["iac:aws_db_instance.db"], "publicly_accessible")
    assert public.value == "true"
    assert _config(public) == [Location(path="terraform.tfvars.json", start_line=2, end_line=2)]


def test_module_called_by_a_module_gets_the_outer_calls_input(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.tf": 'module "app" {\n  source = "./app"\n  visibility = "public-read"\n}\n',
            "app/main.tf": 'module "files" {\n  source = "../bucket"\n  acl = var.visibility\n}\n',
            "app/variables.tf": 'variable "visibility" {\n  default = "private"\n}\n',
            "bucket/main.tf": 'resource "aws_s3_bucket_acl" "this" {\n  acl = var.acl\n}\n',
        },
    )
    acl = _attribute(_resources(tmp_path)["iac:aws_s3_bucket_acl.this"], "acl")
    assert (acl.value, acl.variables) == ("public-read", ())
    assert [loc.path for loc in _config(acl)] == ["app/main.tf", "main.tf"]
