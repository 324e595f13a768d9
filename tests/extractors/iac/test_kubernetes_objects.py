"""Golden tests: Services, Ingresses, RBAC objects; what is claimed and what is not."""

from __future__ import annotations

from textwrap import dedent

import pytest

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac import KubernetesExtractor
from threatdelta.model.fragment import ModelFragment


def _extract(text: str, path: str = "k8s/app.yaml") -> ModelFragment:
    source = SourceFile(path=path, text=dedent(text))
    extractor = KubernetesExtractor()
    assert extractor.claims(source), "the test manifest must be claimed"
    return extractor.extract(source)


def _values(frag: ModelFragment, key: str) -> dict[str, tuple[str, int]]:
    (res,) = [r for r in frag.iac if r.key == key]
    return {a.name: (a.value, a.evidence[0].location.start_line) for a in res.attributes}


def test_multi_document_file_with_empty_documents_gives_each_object_once() -> None:
    frag = _extract(
        """\
        ---
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          annotations:
            team: shop
        spec:
          type: LoadBalancer
        ---
        # only a comment
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web}
        spec:
          rules:
            - host: shop.example.com
        ---
        """
    )
    assert [r.key for r in frag.iac] == [
        "iac:k8s:Service.k8s:default/web",
        "iac:k8s:Ingress.k8s:default/web",
    ]
    assert _values(frag, "iac:k8s:Service.k8s:default/web") == {
        "metadata.annotations.team": ("shop", 8),
        "spec.type": ("LoadBalancer", 10),
    }
    assert _values(frag, "iac:k8s:Ingress.k8s:default/web") == {
        "spec.rules[0].host": ("shop.example.com", 19)
    }
    assert frag.notifications == ()


def test_cluster_role_rules_are_json_lists_with_their_lines() -> None:
    frag = _extract(
        """\
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: ops
        rules:
          - apiGroups: [""]
            resources: ["pods", "secrets"]
            verbs: ["*"]
        """
    )
    assert _values(frag, "iac:k8s:ClusterRole.k8s:default/ops") == {
        "rules[0].apiGroups": ('[""]', 6),
        "rules[0].resources": ('["pods","secrets"]', 7),
        "rules[0].verbs": ('["*"]', 8),
    }


def test_role_binding_and_service_account_keep_what_links_them() -> None:
    frag = _extract(
        """\
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api, namespace: shop}
        automountServiceAccountToken: false
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: api, namespace: shop}
        roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
        subjects:
          - {kind: ServiceAccount, name: api}
        """
    )
    assert _values(frag, "iac:k8s:ServiceAccount.k8s:shop/api")["automountServiceAccountToken"] == (
        "false",
        4,
    )
    binding = _values(frag, "iac:k8s:RoleBinding.k8s:shop/api")
    assert binding["subjects"] == ('[{"kind":"ServiceAccount","name":"api"}]', 10)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("api/openapi.yaml", "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n"),
        ("docker-compose.yml", "services:\n  web:\n    image: nginx\n    privileged: true\n"),
        ("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n"),
        ("ci.yml", "jobs:\n  build:\n    kind: docker\n    apiVersion: 2\n"),
    ],
)
def test_openapi_compose_and_chart_files_are_not_claimed(path: str, text: str) -> None:
    assert not KubernetesExtractor().claims(SourceFile(path=path, text=text))


def test_object_without_a_name_and_non_objects_are_left_out() -> None:
    frag = _extract("apiVersion: v1\nkind: List\nitems: []\n---\n- a\n- b\n---\nkind: Service\n")
    assert frag.iac == () and frag.notifications == ()


def test_items_of_a_list_are_objects_with_their_own_lines() -> None:
    frag = _extract(
        """\
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              type: NodePort
          - {apiVersion: v1, kind: ServiceAccount, metadata: {name: web, namespace: shop}}
        """
    )
    assert [r.key for r in frag.iac] == [
        "iac:k8s:Service.k8s:shop/web",
        "iac:k8s:ServiceAccount.k8s:shop/web",
    ]
    assert frag.iac[0].evidence[0].location.start_line == 4
    assert _values(frag, "iac:k8s:Service.k8s:shop/web")["spec.type"] == ("NodePort", 8)
