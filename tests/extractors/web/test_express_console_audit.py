"""Node's `console` counts as the handler's audit log only when the line says it is an audit
event (a message starting with `audit`, an object with an `audit` key, also through
`JSON.stringify`); a bare `console.log('done')` stays no logging at all."""

from __future__ import annotations

import pytest
from express_helpers import endpoint, extract

from threatdelta.model import Tri

HANDLER = """
const express = require('express');
const app = express();

app.post('/orders', (req, res) => {
  {call}
  res.status(201).end();
});
"""


@pytest.mark.parametrize(
    "call",
    [
        'console.info(JSON.stringify({ audit: "POST /orders", id: req.body.id }));',
        "console.log('audit: POST /orders');",
        "console.warn({ audit: 'order created' });",
        "console.error(`audit: order ${req.body.id} created`);",
    ],
)
def test_console_line_that_writes_an_audit_event_is_audit_logging(call: str) -> None:
    ep = endpoint(extract(HANDLER.replace("{call}", call)), "POST", "/orders")
    assert ep.audit_logged is Tri.YES


@pytest.mark.parametrize(
    "call",
    [
        "console.log('order created');",
        "console.info(JSON.stringify({ id: req.body.id }));",
        "console.table({ audit: 'POST /orders' });",
        "console.log('auditorium booked');",
    ],
)
def test_console_line_without_an_audit_event_is_no_logging(call: str) -> None:
    ep = endpoint(extract(HANDLER.replace("{call}", call)), "POST", "/orders")
    assert ep.audit_logged is Tri.NO
