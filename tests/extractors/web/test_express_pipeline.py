"""The Express extractor through the whole pipeline: a router imported and mounted with a
prefix and an auth guard in another file gets full paths and combined authentication."""

from __future__ import annotations

from pathlib import Path

from threatdelta.model import FactKind, Location, Tri
from threatdelta.pipeline import scan

APP = """\
import express from 'express';
import helmet from 'helmet';
import jwt from 'jsonwebtoken';
import ordersRouter from './routes/orders';

const app = express();
app.use(helmet());

function requireToken(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  req.user = jwt.verify(token, process.env.JWT_SECRET);
  next();
}

app.use('/api/v1/orders', requireToken, ordersRouter);
app.get('/healthz', (req, res) => res.json({ ok: true }));
export default app;
"""

ROUTER = """\
import { Router } from 'express';
import { getOrder, listOrders } from '../controllers/orders';

const router = Router();
router.get('/', listOrders);
router.get('/:orderId', getOrder);
router.delete('/:orderId', async (req, res) => {
  await Order.destroy({ where: { id: req.params.orderId } });
  res.sendStatus(204);
});
export default router;
"""

CONTROLLER = """\
const PAYMENT_API_SECRET = 'pk_9d8c7b6a5f4e3d2c';

export async function getOrder(req, res) {
  res.json(await Order.findByPk(req.params.orderId));
}

export const listOrders = async (req, res) => res.json(await Order.findAll());
"""


def _project(root: Path) -> Path:
    for rel, text in {
        "src/app.ts": APP,
        "src/routes/orders.ts": ROUTER,
        "src/controllers/orders.ts": CONTROLLER,
    }.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_mounted_router_gets_full_paths_auth_from_the_mount_and_the_app_service(
    tmp_path: Path,
) -> None:
    report = scan(_project(tmp_path))
    assert [n.code for n in report.notifications] == []
    by_key = {ep.key: ep for ep in report.model.endpoints}
    assert sorted(by_key) == [
        "endpoint:DELETE /api/v1/orders/{orderId}",
        "endpoint:GET /api/v1/orders",
        "endpoint:GET /api/v1/orders/{orderId}",
        "endpoint:GET /healthz",
    ]
    for key in (
        "GET /api/v1/orders",
        "GET /api/v1/orders/{orderId}",
        "DELETE /api/v1/orders/{orderId}",
    ):
        ep = by_key["endpoint:" + key]
        assert (ep.authentication, ep.auth_schemes, ep.service) == (Tri.YES, ("jwt",), "src")
    assert by_key["endpoint:GET /healthz"].authentication is Tri.NO

    get = by_key["endpoint:GET /api/v1/orders/{orderId}"]
    assert get.handler == Location(path="src/routes/orders.ts", start_line=6, end_line=6)
    assert (get.handler_name, get.facts, get.audit_logged) == ("getOrder", (), Tri.UNKNOWN)

    delete = by_key["endpoint:DELETE /api/v1/orders/{orderId}"]
    assert delete.handler == Location(path="src/routes/orders.ts", start_line=7, end_line=10)
    assert [f.kind for f in delete.facts] == [FactKind.ORM_QUERY, FactKind.OBJECT_LOOKUP_BY_ID]
    assert (delete.object_authorization, delete.audit_logged) == (Tri.NO, Tri.NO)


def test_module_facts_of_other_files_fold_into_the_express_app_service(tmp_path: Path) -> None:
    report = scan(_project(tmp_path))
    [svc] = report.model.services
    assert (svc.name, svc.framework, svc.security_headers) == ("src", "express", Tri.YES)
    assert [(f.kind, f.name, f.location.path) for f in svc.facts] == [
        (FactKind.SECURITY_HEADERS, "helmet", "src/app.ts"),
        (FactKind.HARDCODED_SECRET, "PAYMENT_API_SECRET", "src/controllers/orders.ts"),
    ]
    rules = {(t.rule_id, t.element) for t in report.threats}
    assert ("TD-S001", "endpoint:DELETE /api/v1/orders/{orderId}") not in rules
    assert ("TD-I003", "service:src") in rules  # hardcoded-secret, found in the controller
