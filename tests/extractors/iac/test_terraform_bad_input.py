"""Bad Terraform gives one notification and an empty fragment; a scan goes on with the
other files."""

from __future__ import annotations

from pathlib import Path

import pytest
from terraform_helpers import extract

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac import TerraformExtractor
from threatdelta.extractors.iac.terraform import MAX_CHARACTERS
from threatdelta.model.base import Level
from threatdelta.pipeline import scan


def test_unparseable_file_is_one_parse_error_naming_the_line() -> None:
    frag = extract('resource "aws_s3_bucket" "logs" {\n  bucket = \n  acl = "private"\n}\n')
    (note,) = frag.notifications
    assert (note.code, note.level, note.path) == ("parse-error", Level.WARNING, "infra/main.tf")
    assert "line 2" in note.message  # `bucket =` with no value
    assert frag.iac == () and frag.iac_variables == ()


@pytest.mark.parametrize(
    "text",
    [
        'resource "aws_s3_bucket" "logs" {\n  acl = "private"\n',  # unclosed block
        'resource "a" "b" {\n  policy = <<EOF\n{}\n}\n',  # unterminated heredoc
        "x = 1\x00\n",
        "{{{{",
        "variable {\n",
    ],
)
def test_malformed_hcl_is_reported_never_raised(text: str) -> None:
    frag = extract(text)
    assert [n.code for n in frag.notifications] == ["parse-error"]
    assert frag.iac == ()


def test_deeply_nested_expression_is_reported_not_raised() -> None:
    frag = extract("x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert [n.code for n in frag.notifications] in (["too-deeply-nested"], ["parse-error"])


def test_file_over_the_parser_budget_is_skipped_with_a_notification() -> None:
    text = "# padding\n" * (MAX_CHARACTERS // 10 + 1)
    frag = TerraformExtractor().extract(SourceFile(path="gen/huge.tf", text=text))
    assert [(n.code, n.path) for n in frag.notifications] == [("file-too-large", "gen/huge.tf")]


def test_empty_and_comment_only_files_give_an_empty_fragment() -> None:
    for text in ("", "# nothing here\n// nor here\n/* nor here */\n"):
        frag = extract(text)
        assert frag.notifications == () and frag.iac == () and frag.iac_variables == ()


def test_downloaded_modules_and_other_suffixes_are_not_claimed() -> None:
    extractor = TerraformExtractor()
    claims = extractor.claims
    assert claims(SourceFile(path="infra/main.tf", text=""))
    assert claims(SourceFile(path="infra/main.tf.json", text="{}"))
    assert claims(SourceFile(path="infra/terraform.tfvars", text=""))
    assert claims(SourceFile(path="infra/prod.auto.tfvars", text=""))
    assert claims(SourceFile(path="infra/terraform.tfvars.json", text="{}"))
    assert not claims(SourceFile(path="infra/.terraform/modules/vpc/main.tf", text=""))
    assert not claims(SourceFile(path="infra/openapi.json", text="{}"))
    assert not claims(SourceFile(path="infra/prod.tfvars", text=""))  # only with -var-file


def test_scan_reports_the_bad_file_and_still_models_the_good_one(tmp_path: Path) -> None:
    infra = tmp_path / "infra"
    infra.mkdir()
    (infra / "broken.tf").write_text('resource "aws_s3_bucket" "x" {\n  acl = = "a"\n}\n')
    (infra / "main.tf").write_text('resource "aws_s3_bucket" "logs" {\n  acl = "private"\n}\n')
    report = scan(tmp_path)
    assert [e.key for e in report.model.iac] == ["iac:aws_s3_bucket.logs"]
    notes = [(n.code, n.path) for n in report.notifications]
    assert notes == [("parse-error", "infra/broken.tf")]


def test_broken_tf_json_is_noted_and_the_hcl_files_still_modelled(tmp_path: Path) -> None:
    (tmp_path / "broken.tf.json").write_text('{"resource": {"aws_s3_bucket": {"x": {\n')
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "logs" {\n  acl = "private"\n}\n')
    report = scan(tmp_path)
    assert [e.key for e in report.model.iac] == ["iac:aws_s3_bucket.logs"]
    assert ("parse-error", "broken.tf.json") in {(n.code, n.path) for n in report.notifications}
