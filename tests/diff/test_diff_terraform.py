"""Terraform pull requests through `threatdelta diff` where the change is not in the
resource: a tfvars value that introduces a threat, a module input that resolves one."""

from __future__ import annotations

from pathlib import Path

from scenarios import terraform_stack
from scenarios.builder import changes, line_of, run_diff, threat_pairs

from threatdelta.cli.main import EXIT_OK

DATABASE = "iac:aws_db_instance.patients"
BUCKET = "iac:aws_s3_bucket.this"


def test_tfvars_change_introduces_a_public_database_pointing_at_the_resource(
    tmp_path: Path,
) -> None:
    run = run_diff(terraform_stack.DATABASE_MADE_PUBLIC_BY_TFVARS.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc).get(DATABASE) == "modified"
    assert threat_pairs(doc["introduced"]) == {("TD-I017", DATABASE)}
    assert doc["resolved"] == []
    [threat] = doc["introduced"]
    assert threat["confidence"] == "high"  # a tfvars value is what is deployed
    where = [(e["path"], e["start_line"], e["role"]) for e in threat["evidence"]]
    assert where == [
        ("infra/main.tf", line_of(terraform_stack.MAIN_TF, "publicly_accessible"), "primary"),
        ("infra/terraform.tfvars", 1, "config"),
    ]


def test_module_input_change_resolves_the_public_bucket(tmp_path: Path) -> None:
    run = run_diff(terraform_stack.BUCKET_MADE_PRIVATE_BY_MODULE_INPUT.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert changes(doc).get(BUCKET) == "modified"
    assert threat_pairs(doc["resolved"]) == {("TD-I009", BUCKET)}
    assert doc["introduced"] == []
