"""Bad manifests give notifications, never a crash; the good documents of a file and the
other files of a scan are still read."""

from __future__ import annotations

from pathlib import Path

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac import KubernetesExtractor
from threatdelta.extractors.iac.kubernetes import MAX_CHARACTERS
from threatdelta.model.base import Level
from threatdelta.model.fragment import ModelFragment
from threatdelta.pipeline import scan

_HELM = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          {{- with .Values.securityContext }}
          securityContext: {{- toYaml . | nindent 12 }}
          {{- end }}
"""


def _extract(text: str, path: str = "k8s/app.yaml") -> ModelFragment:
    return KubernetesExtractor().extract(SourceFile(path=path, text=text))


def test_helm_template_that_is_not_yaml_is_one_unrendered_template_warning() -> None:
    frag = _extract(_HELM, path="charts/shop/deploy.yaml")
    assert [(n.code, n.level) for n in frag.notifications] == [
        ("unrendered-template", Level.WARNING)
    ]
    assert frag.iac == ()


def test_chart_template_that_happens_to_parse_is_skipped_too() -> None:
    text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "{{ .Release.Name }}"\n'
    frag = _extract(text, path="charts/shop/templates/svc.yaml")
    assert [n.code for n in frag.notifications] == ["unrendered-template"] and frag.iac == ()


def test_one_broken_document_is_reported_and_the_others_are_still_read() -> None:
    text = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: [b\n"
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: c}\nspec: {type: NodePort}\n"
    )
    frag = _extract(text)
    assert [r.name for r in frag.iac] == ["k8s:default/a", "k8s:default/c"]
    (note,) = frag.notifications
    assert note.code == "parse-error" and "line 8" in note.message
    (node_port,) = frag.iac[1].attributes
    assert node_port.evidence[0].location.start_line == 12


def test_duplicate_object_in_one_file_keeps_the_first_with_a_note() -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n" * 2
    frag = _extract(text)
    assert len(frag.iac) == 1 and frag.iac[0].evidence[0].location.start_line == 1
    assert [n.code for n in frag.notifications] == ["duplicate-object"]


def test_manifest_over_the_budget_is_skipped_with_a_notification() -> None:
    text = "apiVersion: v1\nkind: Pod\n" + "# pad\n" * (MAX_CHARACTERS // 6 + 1)
    frag = _extract(text)
    assert [n.code for n in frag.notifications] == ["file-too-large"] and frag.iac == ()


def test_deeply_nested_manifest_is_reported_not_raised() -> None:
    text = "apiVersion: v1\nkind: Pod\nspec: " + "[" * 3000 + "]" * 3000 + "\n"
    frag = _extract(text)
    assert [n.code for n in frag.notifications] == ["too-deeply-nested"]


def test_scan_goes_on_past_a_helm_template(tmp_path: Path) -> None:
    (tmp_path / "chart").mkdir()
    (tmp_path / "chart" / "deploy.yaml").write_text(_HELM, encoding="utf-8")
    (tmp_path / "svc.yaml").write_text(
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: ClusterIP}\n",
        encoding="utf-8",
    )
    report = scan(tmp_path)
    codes = [(n.code, n.path) for n in report.notifications]
    assert ("unrendered-template", "chart/deploy.yaml") in codes
    assert "iac:k8s:Service.default/web" in {r.key for r in report.model.iac}


def test_broken_stream_of_many_documents_is_one_parse_error_not_a_slow_reread() -> None:
    good = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\n"
    text = good * 2000 + "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n"
    frag = _extract(text)
    assert [n.code for n in frag.notifications] == ["parse-error"] and frag.iac == ()
