"""The Terraform extractor: a `.tf` file -> an `IacResource` per `resource` block and an
`IacVariable` per `variable` block (see `docs/extraction-contract.md`, Terraform), and an
`IacResource` typed `data.<type>` per `data` block of a type in `DATA_SOURCES` (data sources
whose arguments are themselves configuration, such as a policy document written in HCL).

Read with python-hcl2; Terraform is never run and no expression is evaluated (values are
rendered as `terraform_hcl` says). A resource keeps every argument, nested blocks dotted
(`website.index_document`), with its lines; meta-arguments that say nothing about what
the resource is (`depends_on`, `lifecycle`, `provisioner`, `connection`) are left out.
Variables are resolved and companion resources folded into what they configure by the
linker (`model.link_iac`), across the files of a folder, with `locals`, the folder's
`terraform.tfvars` / `*.auto.tfvars` values and the inputs of `module` calls. `.tf.json`
files give the same blocks (`terraform_json`). Files under `.terraform/` (copies of
downloaded modules) are not claimed; files over `MAX_CHARACTERS` are skipped with a
notification.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac.terraform_modules import module_inputs
from threatdelta.extractors.iac.terraform_s3 import attached_bucket
from threatdelta.extractors.iac.terraform_variables import values, variables
from threatdelta.model.base import Evidence, EvidenceRole, Level, Location, Notification
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.fragment import IacValueKind, ModelFragment

if TYPE_CHECKING:
    from threatdelta.extractors.iac.terraform_hcl import HclBlock

_LEFT_OUT = frozenset({"depends_on", "lifecycle", "provisioner", "connection"})
# python-hcl2 reads about 100 KB a second: a bigger file (generated?) would stall the run
MAX_CHARACTERS = 256 * 1024
# data sources that only render their arguments (other data sources read live cloud state)
DATA_SOURCES = frozenset({"aws_iam_policy_document"})


class TerraformExtractor:
    """Terraform configuration files -> IaC resources and variables."""

    @property
    def name(self) -> str:
        return "terraform"

    @property
    def version(self) -> str:
        return "3"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".tf", ".json", ".tfvars"})

    def claims(self, source: SourceFile) -> bool:
        if ".terraform" in source.path.split("/")[:-1]:
            return False
        name = source.path.rpartition("/")[2].lower()
        return name.endswith((".tf", ".tf.json")) or is_auto_tfvars(name)

    def extract(self, source: SourceFile) -> ModelFragment:
        # python-hcl2 and lark load only once a Terraform file is read
        from threatdelta.extractors.iac.terraform_hcl import parse_hcl_body  # noqa: PLC0415
        from threatdelta.extractors.iac.terraform_json import (  # noqa: PLC0415
            parse_tf_json,
            parse_tfvars_json,
        )

        if len(source.text) > MAX_CHARACTERS:
            return self._skipped(source, len(source.text))
        name = source.path.rpartition("/")[2].lower()
        tfvars, json_syntax = is_auto_tfvars(name), name.endswith(".json")
        reader = parse_hcl_body
        if json_syntax:
            reader = parse_tfvars_json if tfvars else parse_tf_json
        parsed = reader(source.text, source.path)
        if isinstance(parsed, Notification):
            return ModelFragment(path=source.path, extractor=self.name, notifications=(parsed,))
        if tfvars:
            found = values(parsed.arguments, source.path, IacValueKind.TFVARS)
            return ModelFragment(path=source.path, extractor=self.name, iac_variables=tuple(found))
        inputs, notes = module_inputs(parsed.blocks, source.path)
        return ModelFragment(
            path=source.path,
            extractor=self.name,
            iac=tuple(
                _resource(block, source.path)
                for block in parsed.blocks
                if len(block.labels) == 2
                and (
                    block.type == "resource"
                    or (block.type == "data" and block.labels[0] in DATA_SOURCES)
                )
            ),
            iac_variables=(*variables(parsed.blocks, source.path), *inputs),
            notifications=notes,
        )

    def _skipped(self, source: SourceFile, size: int) -> ModelFragment:
        note = Notification(
            level=Level.WARNING,
            code="file-too-large",
            path=source.path,
            message=f"Terraform file of {size} characters, over the {MAX_CHARACTERS}-character "
            "budget of the HCL parser; skipped",
        )
        return ModelFragment(path=source.path, extractor=self.name, notifications=(note,))


def is_auto_tfvars(name: str) -> bool:
    """`terraform.tfvars` or `*.auto.tfvars` (or their `.json` forms): the values Terraform
    loads on its own (other tfvars files are given with `-var-file` and are not read)."""
    name = name.removesuffix(".json")
    return name == "terraform.tfvars" or name.endswith(".auto.tfvars")


def _location(path: str, start: int, end: int) -> Location:
    return Location(path=path, start_line=start, end_line=end)


def _attributes(
    block: HclBlock, path: str, prefix: str = "", within: tuple[int, ...] = ()
) -> list[IacAttribute]:
    """The block's arguments, then its nested blocks' (dotted, with the nested blocks' first
    lines in `blocks`), in the order written."""
    found = [
        IacAttribute(
            name=prefix + argument.name,
            value=argument.value,
            evidence=(Evidence(location=_location(path, argument.start, argument.end)),),
            blocks=within,
        )
        for argument in block.arguments
        if not (prefix == "" and argument.name in _LEFT_OUT)
    ]
    for nested in block.blocks:
        if prefix == "" and nested.type in _LEFT_OUT:
            continue
        found += _attributes(nested, path, f"{prefix}{nested.type}.", (*within, nested.start))
    return found


def _resource(block: HclBlock, path: str) -> IacResource:
    resource_type, name = block.labels
    return IacResource(
        type=f"data.{resource_type}" if block.type == "data" else resource_type,
        name=name,
        evidence=(
            Evidence(location=_location(path, block.start, block.end), role=EvidenceRole.PRIMARY),
        ),
        attributes=tuple(_attributes(block, path)),
        attached_to=attached_bucket(resource_type, block.arguments),
    )
