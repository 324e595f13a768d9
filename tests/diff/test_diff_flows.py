"""`threatdelta diff` on changes to how services are wired: flows are rebuilt on the diff's
sub-models, so a connection setting changed by the PR introduces or resolves the flow
threats, and a code change elsewhere leaves them alone."""

from __future__ import annotations

from pathlib import Path

from scenarios.builder import PullRequest, build_pull_request, changes, run_diff, threat_pairs

from threatdelta.cli.main import EXIT_OK

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "k8s-compose-deploy"
FILES = {
    rel: (FIXTURE / rel).read_text(encoding="utf-8")
    for rel in (
        "docker-compose.yml",
        "deploy/k8s/web.yaml",
        "deploy/k8s/shop.yaml",
        "storefront/app.py",
        "orders/server.js",
    )
}
ORDERS = "iac:compose:service.docker-compose.yml:orders"
DB_FLOW = f"flow:{ORDERS}->datastore:postgres:docker-compose.yml:db:postgres"
CROSS_NAMESPACE = (
    "flow:iac:k8s:Deployment.deploy/k8s:web/storefront->"
    "iac:k8s:Deployment.deploy/k8s:shop/orders:http"
)


def test_disabling_tls_on_a_database_url_introduces_the_plaintext_connection(
    tmp_path: Path,
) -> None:
    compose = FILES["docker-compose.yml"].replace("sslmode=verify-full", "sslmode=disable")
    repo = build_pull_request(tmp_path, FILES, PullRequest(write={"docker-compose.yml": compose}))
    run = run_diff(repo)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert changes(doc)[DB_FLOW] == "modified"
    assert ("TD-T014", DB_FLOW) in threat_pairs(doc["introduced"])
    assert not [t for t in doc["resolved"] if t["rule_id"] == "TD-T014"]


def test_calling_the_other_namespace_over_https_resolves_the_plaintext_flow(
    tmp_path: Path,
) -> None:
    web = FILES["deploy/k8s/web.yaml"].replace(
        "http://orders.shop.svc.cluster.local", "https://orders.shop.svc.cluster.local"
    )
    repo = build_pull_request(tmp_path, FILES, PullRequest(write={"deploy/k8s/web.yaml": web}))
    doc = run_diff(repo).doc
    assert changes(doc)[CROSS_NAMESPACE] == "modified"  # the same flow, now over TLS
    assert ("TD-I029", CROSS_NAMESPACE) in threat_pairs(doc["resolved"])
    assert ("TD-S015", CROSS_NAMESPACE) in threat_pairs(doc["persisting"])  # still no credential


def test_a_code_change_leaves_the_flow_threats_untouched(tmp_path: Path) -> None:
    app = FILES["storefront/app.py"] + '\n\n@app.get("/about")\ndef about():\n    return "shop"\n'
    repo = build_pull_request(tmp_path, FILES, PullRequest(write={"storefront/app.py": app}))
    doc = run_diff(repo).doc
    assert "endpoint:GET /about" in changes(doc)
    flows = [k for k in changes(doc) if k.startswith(("flow:", "boundary:"))]
    assert flows == []
    moved = [*doc["introduced"], *doc["resolved"]]
    assert not [t for t in moved if t["element"].startswith(("flow:", "boundary:", "iac:"))]
