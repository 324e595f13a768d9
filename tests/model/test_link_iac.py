"""Linking Terraform across the files of a folder: variable defaults substituted into the
resources that use them, companion resources folded into the bucket they configure."""

from __future__ import annotations

from threatdelta.model.base import Evidence, EvidenceRole, Location
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.fragment import IacVariable, ModelFragment
from threatdelta.model.link import link


def _at(path: str, line: int, role: EvidenceRole = EvidenceRole.PRIMARY) -> Evidence:
    return Evidence(location=Location(path=path, start_line=line, end_line=line), role=role)


def _resource(
    path: str, kind: str, name: str, *attrs: tuple[str, str, int], **kw: str
) -> IacResource:
    return IacResource(
        type=kind,
        name=name,
        evidence=(_at(path, 1),),
        attributes=tuple(
            IacAttribute(name=n, value=v, evidence=(_at(path, line),)) for n, v, line in attrs
        ),
        **kw,
    )


def _variable(
    path: str, name: str, default: str | None, line: int, structured: bool = False
) -> IacVariable:
    folder = path.rpartition("/")[0]
    where = Location(path=path, start_line=line, end_line=line)
    return IacVariable(
        module=folder, name=name, default=default, structured=structured, location=where
    )


def _fragment(
    path: str, *resources: IacResource, variables: tuple[IacVariable, ...] = ()
) -> ModelFragment:
    return ModelFragment(path=path, extractor="terraform", iac=resources, iac_variables=variables)


def _iac(*fragments: ModelFragment) -> dict[str, IacResource]:
    model, _ = link(fragments)
    return {r.key: r for r in model.iac}


def test_default_declared_in_another_file_of_the_folder_replaces_the_reference() -> None:
    main = _fragment(
        "infra/main.tf",
        _resource("infra/main.tf", "aws_s3_bucket_acl", "r", ("acl", "${var.acl}", 7)),
    )
    variables = _fragment(
        "infra/variables.tf", variables=(_variable("infra/variables.tf", "acl", "public-read", 3),)
    )
    [acl] = _iac(main, variables)["iac:aws_s3_bucket_acl.r"].attributes
    assert (acl.value, acl.variables) == ("public-read", ("acl",))
    assert acl.evidence == (
        _at("infra/main.tf", 7),
        _at("infra/variables.tf", 3, EvidenceRole.CONFIG),
    )


def test_a_variable_of_another_folder_or_without_default_leaves_the_reference() -> None:
    main = _fragment(
        "infra/prod/main.tf",
        _resource(
            "infra/prod/main.tf",
            "aws_s3_bucket_acl",
            "r",
            ("acl", "${var.acl}", 2),
            ("name", "${var.name}", 3),
        ),
        variables=(_variable("infra/prod/main.tf", "name", None, 9),),
    )
    other = _fragment(
        "infra/dev/variables.tf",
        variables=(_variable("infra/dev/variables.tf", "acl", "public-read", 1),),
    )
    resource = _iac(main, other)["iac:aws_s3_bucket_acl.r"]
    assert [(a.value, a.variables) for a in resource.attributes] == [
        ("${var.acl}", ()),
        ("${var.name}", ()),
    ]


def test_template_takes_scalar_defaults_only() -> None:
    main = _fragment(
        "main.tf",
        _resource(
            "main.tf",
            "aws_s3_bucket",
            "b",
            ("bucket", "${var.env}-logs", 2),
            ("tags", "${var.tags}", 3),
            ("note", "${var.tags}-x", 4),
            ("kept", "$${var.env}", 5),
        ),
        variables=(
            _variable("main.tf", "env", "prod", 8),
            _variable("main.tf", "tags", '{"a":"b"}', 9, structured=True),
        ),
    )
    values = [a.value for a in _iac(main)["iac:aws_s3_bucket.b"].attributes]
    assert values == ["prod-logs", '{"a":"b"}', "${var.tags}-x", "$${var.env}"]


def test_companions_fold_into_the_bucket_of_their_own_folder() -> None:
    bucket = _resource("a/main.tf", "aws_s3_bucket", "logs", ("bucket", "logs", 2))
    acl = _resource(
        "a/acl.tf",
        "aws_s3_bucket_acl",
        "logs",
        ("bucket", "${aws_s3_bucket.logs.id}", 2),
        ("acl", "${var.acl}", 3),
        attached_to="iac:aws_s3_bucket.logs",
    )
    elsewhere = _resource(
        "b/main.tf",
        "aws_s3_bucket_acl",
        "x",
        ("acl", "public-read", 2),
        attached_to="iac:aws_s3_bucket.logs",
    )
    found = _iac(
        _fragment("a/main.tf", bucket),
        _fragment("a/acl.tf", acl, variables=(_variable("a/acl.tf", "acl", "public-read", 9),)),
        _fragment("b/main.tf", elsewhere),
    )
    folded = found["iac:aws_s3_bucket.logs"]
    assert [(a.name, a.value, a.resource) for a in folded.attributes] == [
        ("bucket", "logs", ""),
        ("bucket", "${aws_s3_bucket.logs.id}", "iac:aws_s3_bucket_acl.logs"),
        ("acl", "public-read", "iac:aws_s3_bucket_acl.logs"),
    ]
    assert folded.evidence == (
        _at("a/main.tf", 1),
        _at("a/acl.tf", 1, EvidenceRole.CONFIG),
        _at("a/acl.tf", 9, EvidenceRole.CONFIG),
    )
    assert found["iac:aws_s3_bucket_acl.logs"].attributes[1].value == "public-read"


def test_a_changed_default_changes_the_bucket_it_reaches() -> None:
    def model(default: str) -> IacResource:
        bucket = _resource("main.tf", "aws_s3_bucket", "r")
        acl = _resource(
            "main.tf",
            "aws_s3_bucket_acl",
            "r",
            ("acl", "${var.acl}", 5),
            attached_to="iac:aws_s3_bucket.r",
        )
        variables = _fragment(
            "variables.tf", variables=(_variable("variables.tf", "acl", default, 2),)
        )
        return _iac(_fragment("main.tf", bucket, acl), variables)["iac:aws_s3_bucket.r"]

    assert model("private").attributes != model("public-read").attributes


def test_one_address_in_two_folders_is_noted() -> None:
    fragments = [
        _fragment(f"{env}/main.tf", _resource(f"{env}/main.tf", "aws_s3_bucket", "logs"))
        for env in ("dev", "prod")
    ]
    model, notes = link(fragments)
    assert len(model.iac) == 2
    assert [n.code for n in notes] == ["duplicate-iac-address"]
    assert "'dev', 'prod'" in notes[0].message
