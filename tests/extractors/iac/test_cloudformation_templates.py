"""Golden tests: CloudFormation templates (YAML with short-form tags, and JSON) -> one
`IacResource` per resource, properties dotted, intrinsic functions rendered not run."""

from __future__ import annotations

from textwrap import dedent

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac.cloudformation import CloudFormationExtractor
from threatdelta.model.elements import IacResource
from threatdelta.model.fragment import ModelFragment


def _extract(text: str, path: str = "stack/template.yaml") -> ModelFragment:
    source = SourceFile(path=path, text=dedent(text))
    extractor = CloudFormationExtractor()
    assert extractor.claims(source), "the template must be claimed"
    return extractor.extract(source)


def _values(resource: IacResource) -> dict[str, str]:
    return {a.name: a.value for a in resource.attributes}


def test_yaml_resource_becomes_a_typed_resource_named_by_path_and_logical_id() -> None:
    frag = _extract(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Exports:
            Type: AWS::S3::Bucket
            Properties:
              AccessControl: PublicRead
              VersioningConfiguration:
                Status: Suspended
        """
    )
    [bucket] = frag.iac
    assert bucket.key == "iac:cfn:AWS::S3::Bucket.stack/template.yaml:Exports"
    loc = bucket.evidence[0].location
    assert (loc.start_line, loc.end_line) == (3, 8)
    assert _values(bucket) == {
        "AccessControl": "PublicRead",
        "VersioningConfiguration.Status": "Suspended",
    }
    assert bucket.attributes[0].evidence[0].location.start_line == 6


def test_short_form_tags_render_as_functions_without_evaluation() -> None:
    frag = _extract(
        """\
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub "${AWS::StackName}-orders"
              KmsMasterKeyId: !Ref OrdersKey
              RedrivePolicy: !GetAtt DeadLetters.Arn
              DelaySeconds: !If [IsProd, 0, 5]
        """
    )
    assert _values(frag.iac[0]) == {
        "QueueName": "${Sub ${AWS::StackName}-orders}",
        "KmsMasterKeyId": "${Ref OrdersKey}",
        "RedrivePolicy": "${GetAtt DeadLetters.Arn}",
        "DelaySeconds": '${If ["IsProd",0,5]}',
    }
    assert frag.notifications == ()


def test_json_template_long_form_functions_render_like_the_short_form() -> None:
    frag = _extract(
        """\
        {
          "Resources": {
            "Key": {
              "Type": "AWS::KMS::Key",
              "Properties": {
                "EnableKeyRotation": false,
                "Description": {"Fn::Join": ["-", ["orders", {"Ref": "Env"}]]},
                "KeyPolicy": {"Ref": "Policy"}
              }
            }
          }
        }
        """,
        path="stack/key.json",
    )
    values = _values(frag.iac[0])
    assert values["EnableKeyRotation"] == "false"
    assert values["KeyPolicy"] == "${Ref Policy}"
    assert values["Description"] == '${Join ["-",["orders","${Ref Env}"]]}'
    assert frag.iac[0].attributes[0].evidence[0].location.start_line == 6


def test_list_of_mappings_numbers_its_items() -> None:
    frag = _extract(
        """\
        Resources:
          Web:
            Type: AWS::EC2::SecurityGroup
            Properties:
              SecurityGroupIngress:
                - IpProtocol: tcp
                  CidrIp: 0.0.0.0/0
              Tags: [{Key: team, Value: web}]
              SubnetIds: [a, b]
        """
    )
    values = _values(frag.iac[0])
    assert values["SecurityGroupIngress.0.CidrIp"] == "0.0.0.0/0"
    assert values["Tags.0.Key"] == "team"
    assert values["SubnetIds"] == '["a","b"]'


def test_kubernetes_compose_and_openapi_files_are_not_claimed() -> None:
    claims = CloudFormationExtractor().claims
    manifest = "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n"
    compose = "services:\n  db:\n    image: postgres\n"
    openapi = 'openapi: "3.0.3"\ninfo: {title: t, version: "1"}\npaths: {}\n'
    for text in (manifest, compose, openapi):
        assert not claims(SourceFile(path="deploy/file.yaml", text=text))
    assert not claims(SourceFile(path="main.py", text="AWSTemplateFormatVersion: x"))
    assert claims(SourceFile(path="stack.template", text="AWSTemplateFormatVersion: x\n"))


def test_whole_ref_to_a_parameter_takes_its_default_and_names_it() -> None:
    frag = _extract(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Public:
            Type: String
            Default: "true"
        Resources:
          Db:
            Type: AWS::RDS::DBInstance
            Properties:
              PubliclyAccessible: !Ref Public
              DBName: !Sub "${Public}-db"
        """
    )
    public, name = frag.iac[0].attributes
    assert (public.value, public.variables) == ("true", ("parameter:Public",))
    assert [e.location.start_line for e in public.evidence] == [10, 5]
    assert (name.value, name.variables) == ("${Sub ${Public}-db}", ())
