"""The Kubernetes extractor: a `.yaml`/`.yml` manifest -> an `IacResource` per object (see
`kubernetes_objects` for what each kind keeps, `docs/extraction-contract.md`, Kubernetes).

A file is claimed when a line at its left margin sets `apiVersion:` and another `kind:` (a
regular expression, no parsing), so OpenAPI documents, compose files and Helm's `Chart.yaml`
(no `kind`) are left alone. Documents are read with the safe loader of `load_structured`;
empty documents (`---` twice, a trailing `---`) are skipped, documents without
`apiVersion`/`kind` or `metadata.name` too; the `items` of a `kind: List` are objects.
When the stream does not parse, a file with
`{{ ... }}` is a Helm (or other) template that is valid YAML only once rendered: one
`unrendered-template` notification, nothing extracted (scan the rendered output instead);
so is any file with `{{` under a `templates/` folder (a chart's), even when it happens to
parse, since its values are not the ones deployed.
Otherwise each `---` document is parsed on its own, so one broken document gives its
`parse-error` and the others are still read (a long stream of many documents, where that
would cost too much, gives the one `parse-error` of the whole stream). Files over
`MAX_CHARACTERS` are skipped with a notification.
"""

from __future__ import annotations

import re

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac.kubernetes_objects import is_object, resource
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import YamlMap, YamlValue
from threatdelta.model.base import Level, Notification
from threatdelta.model.elements import IacResource
from threatdelta.model.fragment import ModelFragment

MAX_CHARACTERS = 1024 * 1024
# line breaks put before the documents re-read one by one after a syntax error, in total
MAX_PADDING = 4 * 1024 * 1024
_API_VERSION = re.compile(r"^[\"']?apiVersion[\"']?[ \t]*:[ \t]*\S", re.M)
_KIND = re.compile(r"^[\"']?kind[\"']?[ \t]*:[ \t]*\S", re.M)
_SEPARATOR = re.compile(r"^(?:---|\.\.\.)(?:[ \t]|$)")


class KubernetesExtractor:
    """Kubernetes manifests -> IaC resources (`k8s:<kind>`)."""

    @property
    def name(self) -> str:
        return "kubernetes"

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".yaml", ".yml"})

    def claims(self, source: SourceFile) -> bool:
        text = source.text
        return _KIND.search(text) is not None and _API_VERSION.search(text) is not None

    def extract(self, source: SourceFile) -> ModelFragment:
        path, text = source.path, source.text
        if len(text) > MAX_CHARACTERS:
            return _fragment(path, [], [_too_large(path, len(text))])
        if "{{" in text and "/templates/" in f"/{path}":
            return _fragment(path, [], [_template(path)])
        loaded = load_structured(text, path)
        if not isinstance(loaded, Notification):
            return _fragment(path, *_objects(loaded.documents, path, list(loaded.notifications)))
        if "{{" in text:
            return _fragment(path, [], [_template(path)])
        chunks = _chunks(text)
        if sum(start for start, _ in chunks) > MAX_PADDING:
            return _fragment(path, [], [loaded])  # too many documents to re-read one by one
        documents: list[YamlValue] = []
        notes: list[Notification] = []
        for start, chunk in chunks:
            # padded with line breaks, so the loader's lines are the file's
            one = load_structured("\n" * (start - 1) + chunk, path)
            if isinstance(one, Notification):
                notes.append(one)
            else:
                documents += one.documents
                notes += one.notifications
        return _fragment(path, *_objects(documents, path, notes))


def _chunks(text: str) -> list[tuple[int, str]]:
    """The `---`-separated documents of a stream: (first line, text), separator included."""
    chunks: list[tuple[int, list[str]]] = [(1, [])]
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if _SEPARATOR.match(line) and chunks[-1][1]:
            chunks.append((number, []))
        chunks[-1][1].append(line)
    return [(start, "".join(lines)) for start, lines in chunks if "".join(lines).strip()]


def _objects(
    documents: tuple[YamlValue, ...] | list[YamlValue], path: str, notes: list[Notification]
) -> tuple[list[IacResource], list[Notification]]:
    found: dict[str, IacResource] = {}
    for document in _listed(documents):
        item = resource(document, path)
        if item is None:
            continue
        if item.key in found:
            notes.append(_duplicate(path, item))
            continue
        found[item.key] = item
    return list(found.values()), notes


def _listed(documents: tuple[YamlValue, ...] | list[YamlValue]) -> list[YamlMap]:
    """The objects of the documents, the `items` of a `kind: List` (what `kubectl get -o
    yaml` writes) in its place."""
    found: list[YamlMap] = []
    for document in documents:
        if not isinstance(document, YamlMap) or not is_object(document):
            continue
        items = document.seq("items") if document.get("kind") == "List" else None
        if items is None:
            found.append(document)
        else:
            found += [item for item in items.maps() if is_object(item)]
    return found


def _fragment(path: str, resources: list[IacResource], notes: list[Notification]) -> ModelFragment:
    return ModelFragment(
        path=path, extractor="kubernetes", iac=tuple(resources), notifications=tuple(notes)
    )


def _too_large(path: str, size: int) -> Notification:
    return Notification(
        level=Level.WARNING,
        code="file-too-large",
        path=path,
        message=f"Kubernetes manifest of {size} characters, over the {MAX_CHARACTERS}-character "
        "budget; skipped",
    )


def _template(path: str) -> Notification:
    return Notification(
        level=Level.WARNING,
        code="unrendered-template",
        path=path,
        message="a template (`{{ ... }}`, Helm?) that is not valid YAML before rendering; "
        "skipped: scan the rendered manifests (`helm template`) instead",
    )


def _duplicate(path: str, item: IacResource) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="duplicate-object",
        path=path,
        message=f"{item.type.removeprefix('k8s:')} {item.name} is declared more than once in "
        "this file; the first declaration is kept",
    )
