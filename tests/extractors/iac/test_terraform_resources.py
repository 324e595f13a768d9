"""Golden tests: Terraform `resource` blocks -> `IacResource` elements with their arguments
rendered, nested blocks dotted, and lines kept."""

from __future__ import annotations

import json

from terraform_helpers import at, extract, resource, values

from threatdelta.model.elements import IacAttribute, IacResource


def test_bucket_with_acl_and_website_block_becomes_one_resource_with_every_line() -> None:
    frag = extract(
        """\
        resource "aws_s3_bucket" "assets" {
          bucket = "clinic-assets"
          acl    = "public-read" # legacy inline ACL

          website {
            index_document = "index.html"
          }
        }
        """
    )
    assert frag.iac == (
        IacResource(
            type="aws_s3_bucket",
            name="assets",
            evidence=(at(1, 8),),
            attributes=(
                IacAttribute(name="bucket", value="clinic-assets", evidence=(at(2),)),
                IacAttribute(name="acl", value="public-read", evidence=(at(3),)),
                IacAttribute(
                    name="website.index_document",
                    value="index.html",
                    evidence=(at(6),),
                    blocks=(5,),
                ),
            ),
        ),
    )
    assert frag.iac[0].key == "iac:aws_s3_bucket.assets"
    assert frag.notifications == () and frag.iac_variables == ()


def test_references_render_as_expressions_and_literals_as_their_json_text() -> None:
    frag = extract(
        """\
        resource "aws_s3_bucket_public_access_block" "logs" {
          bucket                  = aws_s3_bucket.logs.id
          block_public_acls       = true
          ignore_public_acls      = var.ignore_acls
          restrict_public_buckets = false
          name                    = "${var.env}-logs"
          retries                 = 3
          tags                    = { Team = "platform", Env = var.env }
        }
        """
    )
    assert values(resource(frag, "iac:aws_s3_bucket_public_access_block.logs")) == {
        "bucket": "${aws_s3_bucket.logs.id}",
        "block_public_acls": "true",
        "ignore_public_acls": "${var.ignore_acls}",
        "restrict_public_buckets": "false",
        "name": "${var.env}-logs",
        "retries": "3",
        "tags": '{"Team":"platform","Env":"${var.env}"}',
    }


def test_companion_resources_are_attached_to_the_bucket_they_reference() -> None:
    frag = extract(
        """\
        resource "aws_s3_bucket_acl" "by_id" {
          bucket = aws_s3_bucket.reports.id
          acl    = "private"
        }
        resource "aws_s3_bucket_policy" "by_name" {
          bucket = aws_s3_bucket.reports.bucket
          policy = data.aws_iam_policy_document.reports.json
        }
        resource "aws_s3_bucket_versioning" "counted" {
          bucket = aws_s3_bucket.archive[0].id
        }
        resource "aws_s3_bucket_acl" "literal" {
          bucket = "clinic-reports"
        }
        resource "aws_s3_bucket_acl" "variable" {
          bucket = var.bucket_id
        }
        resource "aws_iam_role_policy" "not_s3" {
          bucket = aws_s3_bucket.reports.id
        }
        """
    )
    attached = {r.key: r.attached_to for r in frag.iac}
    assert attached == {
        "iac:aws_s3_bucket_acl.by_id": "iac:aws_s3_bucket.reports",
        "iac:aws_s3_bucket_policy.by_name": "iac:aws_s3_bucket.reports",
        "iac:aws_s3_bucket_versioning.counted": "iac:aws_s3_bucket.archive",
        "iac:aws_s3_bucket_acl.literal": "",
        "iac:aws_s3_bucket_acl.variable": "",
        "iac:aws_iam_role_policy.not_s3": "",
    }
    policy = values(resource(frag, "iac:aws_s3_bucket_policy.by_name"))["policy"]
    assert policy == "${data.aws_iam_policy_document.reports.json}"


def test_jsonencode_policy_renders_as_json_with_references_kept() -> None:
    frag = extract(
        """\
        resource "aws_s3_bucket_policy" "reports" {
          bucket = aws_s3_bucket.reports.id
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [
              {
                Effect    = "Allow"
                Principal = { AWS = "*" }
                Action    = ["s3:GetObject"]
                Resource  = "${aws_s3_bucket.reports.arn}/*"
              },
            ]
          })
        }
        """
    )
    [_, policy] = resource(frag, "iac:aws_s3_bucket_policy.reports").attributes
    assert (policy.name, policy.evidence) == ("policy", (at(3, 13),))
    assert json.loads(policy.value) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": ["s3:GetObject"],
                "Resource": "${aws_s3_bucket.reports.arn}/*",
            }
        ],
    }


def test_heredoc_policy_renders_as_compact_json_whatever_its_layout() -> None:
    spaced = """\
        resource "aws_s3_bucket" "backups" {
          policy = <<POLICY
        {
          "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
          ]
        }
        POLICY
        }
        """
    tight = """\
        resource "aws_s3_bucket" "backups" {
          policy = <<-POLICY
            {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}
          POLICY
        }
        """
    first = resource(extract(spaced), "iac:aws_s3_bucket.backups").attributes[0]
    second = resource(extract(tight), "iac:aws_s3_bucket.backups").attributes[0]
    assert first.value == second.value
    assert (
        first.value == '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}'
    )
    assert first.evidence == (at(2, 8),)


def test_meta_arguments_are_left_out_and_other_blocks_are_not_resources() -> None:
    frag = extract(
        """\
        provider "aws" {
          region = "eu-west-1"
        }
        data "aws_caller_identity" "current" {}
        module "network" {
          source = "./network"
        }
        locals {
          env = "prod"
        }
        resource "aws_s3_bucket" "logs" {
          depends_on = [module.network]
          count      = 1
          lifecycle {
            prevent_destroy = true
          }
          tags = {
            Name = "logs"
          }
        }
        """
    )
    assert [r.key for r in frag.iac] == ["iac:aws_s3_bucket.logs"]
    assert values(frag.iac[0]) == {"count": "1", "tags": '{"Name":"logs"}'}


def test_repeated_nested_blocks_keep_one_attribute_each() -> None:
    frag = extract(
        """\
        resource "aws_s3_bucket" "legacy" {
          grant {
            type        = "Group"
            permissions = ["READ"]
            uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
          }
          grant {
            id          = data.aws_canonical_user_id.current.id
            type        = "CanonicalUser"
            permissions = ["FULL_CONTROL"]
          }
        }
        """
    )
    names = [(a.name, a.evidence[0].location.start_line) for a in frag.iac[0].attributes]
    assert names == [
        ("grant.type", 3),
        ("grant.permissions", 4),
        ("grant.uri", 5),
        ("grant.id", 8),
        ("grant.type", 9),
        ("grant.permissions", 10),
    ]
    assert frag.iac[0].attributes[1].value == '["READ"]'


def test_repeated_and_deeper_nested_blocks_carry_the_first_lines_of_their_blocks() -> None:
    frag = extract(
        """\
        resource "aws_lb_listener" "web" {
          protocol = "HTTP"
          default_action {
            type = "redirect"
            redirect {
              protocol = "HTTPS"
            }
          }
          default_action {
            type = "forward"
          }
        }
        """
    )
    found = [(a.name, a.blocks) for a in resource(frag, "iac:aws_lb_listener.web").attributes]
    assert found == [
        ("protocol", ()),
        ("default_action.type", (3,)),
        ("default_action.redirect.protocol", (3, 5)),
        ("default_action.type", (9,)),
    ]
