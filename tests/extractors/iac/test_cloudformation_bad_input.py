"""Bad CloudFormation input gives a notification and the rest of the model is built."""

from __future__ import annotations

from pathlib import Path

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac.cloudformation import CloudFormationExtractor
from threatdelta.pipeline import scan


def test_unknown_tag_is_noted_and_the_resource_kept() -> None:
    text = (
        "AWSTemplateFormatVersion: '2010-09-09'\n"
        "Resources:\n"
        "  Bucket:\n"
        "    Type: AWS::S3::Bucket\n"
        "    Properties:\n"
        "      BucketName: !Frobnicate exports\n"
    )
    frag = CloudFormationExtractor().extract(SourceFile(path="t.yaml", text=text))
    assert [a.value for a in frag.iac[0].attributes] == ["${Frobnicate exports}"]
    assert [(n.code, "`!Frobnicate`" in n.message) for n in frag.notifications] == [
        ("unknown-tag", True)
    ]


def test_template_without_resources_mapping_is_noted() -> None:
    text = "AWSTemplateFormatVersion: '2010-09-09'\nResources: []\n"
    frag = CloudFormationExtractor().extract(SourceFile(path="t.yaml", text=text))
    assert frag.iac == () and [n.code for n in frag.notifications] == ["no-resources"]


def test_broken_template_is_noted_and_other_files_still_modelled(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket: [\n"
    )
    (tmp_path / "good.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        "  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 7\n"
    )
    report = scan(tmp_path)
    assert [r.key for r in report.model.iac] == ["iac:cfn:AWS::Logs::LogGroup.good.yaml:Logs"]
    assert ("parse-error", "broken.yaml") in {(n.code, n.path) for n in report.notifications}


def test_resource_without_a_type_is_skipped() -> None:
    text = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n  B:\n    Properties: {}\n"
    frag = CloudFormationExtractor().extract(SourceFile(path="t.yml", text=text))
    assert [r.name for r in frag.iac] == ["t.yml:A"]


def test_deeply_nested_properties_are_cut_not_crashed() -> None:
    nested = "".join(f"{'  ' * (i + 3)}L{i}:\n" for i in range(120)) + "  " * 123 + "x: 1\n"
    text = "Resources:\n  Deep:\n    Type: AWS::S3::Bucket\n    Properties:\n" + nested
    frag = CloudFormationExtractor().extract(SourceFile(path="deep.yaml", text=text))
    [deep] = frag.iac
    assert deep.attributes, "the resource keeps what could be read"
    assert all(a.name.count(".") <= 40 for a in deep.attributes)
