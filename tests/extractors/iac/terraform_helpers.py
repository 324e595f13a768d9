"""Run the Terraform extractor on a snippet and pick parts of the fragment."""

from __future__ import annotations

from textwrap import dedent

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac import TerraformExtractor
from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import IacResource
from threatdelta.model.fragment import ModelFragment


def extract(text: str, path: str = "infra/main.tf") -> ModelFragment:
    source = SourceFile(path=path, text=dedent(text))
    extractor = TerraformExtractor()
    assert extractor.claims(source), "the test file must be claimed"
    return extractor.extract(source)


def resource(fragment: ModelFragment, key: str) -> IacResource:
    found = [r for r in fragment.iac if r.key == key]
    assert len(found) == 1, [r.key for r in fragment.iac]
    return found[0]


def values(res: IacResource) -> dict[str, str]:
    """Attribute name -> rendered value (names must be unique in the resource)."""
    names = [a.name for a in res.attributes]
    assert len(names) == len(set(names)), names
    return {a.name: a.value for a in res.attributes}


def at(start: int, end: int | None = None, path: str = "infra/main.tf") -> Evidence:
    return Evidence(location=Location(path=path, start_line=start, end_line=end or start))
