"""Selecting files by name as well as by suffix: Dockerfiles have no telling suffix, and the
scan, the diff's candidates and the pipeline's dispatch must agree on which files are read."""

from __future__ import annotations

from pathlib import Path

from threatdelta.extractors.base import SourceFile, wants
from threatdelta.extractors.iac.compose import ComposeExtractor
from threatdelta.extractors.iac.dockerfile import DockerfileExtractor
from threatdelta.extractors.web.python import PythonWebExtractor
from threatdelta.sources import ReadLimits, read_repository, selection_of

PY = frozenset({".py"})


def test_files_matching_a_name_pattern_are_read_whatever_their_suffix(tmp_path: Path) -> None:
    for name in ("Dockerfile", "Dockerfile.prod", "api.dockerfile", "README", "notes.prod"):
        (tmp_path / name).write_text("FROM python:3.12\n")
    names = frozenset({"dockerfile", "dockerfile.*"})
    result = read_repository(tmp_path, PY, ReadLimits(), names=names)
    assert sorted(f.path for f in result.files) == ["Dockerfile", "Dockerfile.prod"]


def test_without_name_patterns_only_suffixes_select(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM python:3.12\n")
    (tmp_path / "app.py").write_text("x = 1\n")
    assert [f.path for f in read_repository(tmp_path, PY, ReadLimits()).files] == ["app.py"]


def test_selection_of_extractors_joins_their_suffixes_and_file_names() -> None:
    selection = selection_of([PythonWebExtractor(), DockerfileExtractor(), ComposeExtractor()])
    assert selection.selects("svc/Dockerfile")
    assert selection.selects("svc/DOCKERFILE.dev")
    assert selection.selects("svc/worker.Dockerfile")
    assert selection.selects("deploy/docker-compose.override.yml")
    assert selection.selects("app/views.py")
    assert not selection.selects("svc/Dockerfile/README")
    assert not selection.selects("svc/Makefile")


def test_an_extractor_without_file_names_is_wanted_by_suffix_only() -> None:
    dockerfile = SourceFile(path="svc/Dockerfile", text="FROM python:3.12\n")
    assert wants(DockerfileExtractor(), dockerfile)
    assert not wants(PythonWebExtractor(), dockerfile)
    assert wants(PythonWebExtractor(), SourceFile(path="a.py", text=""))
