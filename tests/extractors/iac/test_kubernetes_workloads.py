"""Golden tests: a workload's pod spec -> attributes with the lines they come from."""

from __future__ import annotations

from textwrap import dedent

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac import KubernetesExtractor
from threatdelta.model.elements import IacResource
from threatdelta.model.fragment import ModelFragment


def _extract(text: str, path: str = "deploy/web.yaml") -> ModelFragment:
    source = SourceFile(path=path, text=dedent(text))
    extractor = KubernetesExtractor()
    assert extractor.claims(source), "the test manifest must be claimed"
    return extractor.extract(source)


def _lines(res: IacResource) -> dict[str, tuple[str, int, int]]:
    """Attribute name -> (value, first line, last line)."""
    return {
        a.name: (a.value, a.evidence[0].location.start_line, a.evidence[0].location.end_line)
        for a in res.attributes
    }


def test_deployment_pod_spec_keeps_security_context_and_host_namespaces_with_lines() -> None:
    frag = _extract(
        """\
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            spec:
              hostPID: true
              securityContext:
                runAsNonRoot: true
              containers:
                - name: app
                  image: shop/web:1.2
                  securityContext:
                    privileged: true
                    capabilities:
                      add: ["NET_ADMIN", "SYS_TIME"]
        """
    )
    (res,) = frag.iac
    assert res.key == "iac:k8s:Deployment.deploy:shop/web"
    assert res.evidence[0].location.start_line == 1
    assert _lines(res) == {
        "metadata.namespace": ("shop", 5, 5),
        "pod.hostPID": ("true", 9, 9),
        "pod.securityContext.runAsNonRoot": ("true", 11, 11),
        "container.app": ("shop/web:1.2", 13, 18),
        "container.app.securityContext.privileged": ("true", 16, 16),
        "container.app.securityContext.capabilities.add": ('["NET_ADMIN","SYS_TIME"]', 18, 18),
    }
    assert frag.notifications == ()


def test_cronjob_pod_spec_is_found_under_the_job_template() -> None:
    frag = _extract(
        """\
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  automountServiceAccountToken: false
                  initContainers:
                    - name: migrate
                      image: tools/migrate
        """,
        path="cron.yml",
    )
    (res,) = frag.iac
    assert res.key == "iac:k8s:CronJob.default/nightly"
    assert _lines(res) == {
        "pod.automountServiceAccountToken": ("false", 10, 10),
        "initContainer.migrate": ("tools/migrate", 12, 13),
    }


def test_env_keeps_literal_values_only_with_the_value_line() -> None:
    frag = _extract(
        """\
        apiVersion: v1
        kind: Pod
        metadata:
          name: api
        spec:
          containers:
            - name: api
              image: api
              env:
                - name: DB_PASSWORD
                  value: "s3cr3t-Pa55"
                - name: API_TOKEN
                  valueFrom:
                    secretKeyRef: {name: api, key: token}
                - name: PORT
                  value: "8080"
        """
    )
    values = _lines(frag.iac[0])
    assert values["container.api.env.DB_PASSWORD"] == ("s3cr3t-Pa55", 11, 11)
    assert values["container.api.env.PORT"] == ("8080", 16, 16)
    assert "container.api.env.API_TOKEN" not in values
