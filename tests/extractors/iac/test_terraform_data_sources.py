"""Golden tests: a Terraform `data "aws_iam_policy_document"` block becomes an `IacResource`
typed `data.aws_iam_policy_document`, its statements dotted like nested blocks; other data
sources (which read live cloud state) are not elements."""

from __future__ import annotations

from terraform_helpers import at, extract, resource

from threatdelta.model.elements import IacAttribute


def test_policy_document_data_source_becomes_a_resource_with_its_statements() -> None:
    frag = extract(
        """\
        data "aws_iam_policy_document" "admin" {
          statement {
            sid       = "Everything"
            actions   = ["*"]
            resources = ["*"]
          }
          statement {
            effect    = "Deny"
            actions   = ["s3:DeleteBucket"]
            resources = ["${var.bucket_arn}"]
          }
        }
        """
    )
    document = resource(frag, "iac:data.aws_iam_policy_document.admin")
    assert document.type == "data.aws_iam_policy_document" and document.name == "admin"
    assert document.evidence[0].location.start_line == 1
    assert document.evidence[0].location.end_line == 12
    assert document.attributes == (
        IacAttribute(name="statement.sid", value="Everything", evidence=(at(3),), blocks=(2,)),
        IacAttribute(name="statement.actions", value='["*"]', evidence=(at(4),), blocks=(2,)),
        IacAttribute(name="statement.resources", value='["*"]', evidence=(at(5),), blocks=(2,)),
        IacAttribute(name="statement.effect", value="Deny", evidence=(at(8),), blocks=(7,)),
        IacAttribute(
            name="statement.actions", value='["s3:DeleteBucket"]', evidence=(at(9),), blocks=(7,)
        ),
        IacAttribute(
            name="statement.resources",
            value='["${var.bucket_arn}"]',
            evidence=(at(10),),
            blocks=(7,),
        ),
    )


def test_data_sources_that_read_cloud_state_are_not_elements() -> None:
    frag = extract(
        """\
        data "aws_caller_identity" "current" {}

        data "aws_ami" "ubuntu" {
          most_recent = true
          owners      = ["099720109477"]
        }

        resource "aws_iam_policy" "read" {
          policy = data.aws_iam_policy_document.read.json
        }
        """
    )
    assert [r.key for r in frag.iac] == ["iac:aws_iam_policy.read"]
    assert frag.iac[0].attributes[0].value == "${data.aws_iam_policy_document.read.json}"
    assert frag.notifications == ()
