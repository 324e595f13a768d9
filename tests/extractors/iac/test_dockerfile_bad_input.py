"""Bad Dockerfiles: a notification each, never a crash."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac import dockerfile
from threatdelta.extractors.iac.dockerfile import DockerfileExtractor


def _extract(text: str, path: str = "Dockerfile"):  # type: ignore[no-untyped-def]
    return DockerfileExtractor().extract(SourceFile(path=path, text=text))


def test_text_without_from_is_a_parse_error_notification() -> None:
    frag = _extract("this is not a Dockerfile\nat all\n")
    assert frag.iac == ()
    assert [n.code for n in frag.notifications] == ["parse-error"]


def test_unbalanced_quotes_and_a_trailing_continuation_do_not_crash() -> None:
    frag = _extract('FROM alpine\nENV TOKEN="unterminated \\\n')
    assert [a.name for a in frag.iac[0].attributes][:2] == ["image", "final"]


def test_unterminated_heredoc_ends_at_the_end_of_the_file() -> None:
    frag = _extract("FROM alpine\nRUN <<EOF\necho hi\n")
    assert len(frag.iac) == 1 and frag.notifications == ()


def test_huge_file_is_skipped_with_a_notification() -> None:
    frag = _extract("FROM alpine\n" + "RUN true\n" * (dockerfile.MAX_CHARACTERS // 8))
    assert frag.iac == ()
    assert [n.code for n in frag.notifications] == ["file-too-large"]


def test_claims_dockerfile_names_but_not_dockerignore_or_docs() -> None:
    extractor = DockerfileExtractor()
    paths = (
        "Dockerfile",
        "a/Dockerfile.dev",
        "b/api.dockerfile",
        "Dockerfile.dockerignore",
        "Dockerfile.md",
        "Dockerfiles/readme.txt",
        "dockerfile_test.py",
        "src/extractors/dockerfile.py",
        "docs/Dockerfile.rst",
    )
    claimed = [p for p in paths if extractor.claims(SourceFile(path=p, text=""))]
    assert claimed == ["Dockerfile", "a/Dockerfile.dev", "b/api.dockerfile"]
