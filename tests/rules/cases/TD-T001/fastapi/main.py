"""Order service on PostgreSQL (psycopg)."""

import psycopg
from fastapi import FastAPI

app = FastAPI()
DSN = "dbname=orders"


@app.get("/orders/{order_id}")
def get_order(order_id: str):
    with psycopg.connect(DSN) as conn, conn.cursor() as cur:
        # ruleid: TD-T001
        cur.execute("SELECT id, status FROM orders WHERE id = '%s'" % order_id)
        return {"order": cur.fetchone()}


@app.get("/orders")
def list_orders(status: str = "open"):
    with psycopg.connect(DSN) as conn, conn.cursor() as cur:
        # ok: TD-T001
        cur.execute("SELECT id, status FROM orders WHERE status = %s", (status,))
        return {"orders": cur.fetchall()}


@app.delete("/orders/{order_id}")
def cancel_order(order_id: str):
    with psycopg.connect(DSN) as conn, conn.cursor() as cur:
        # ruleid: TD-T001
        cur.execute("UPDATE orders SET status = 'cancelled' WHERE id = '{}'".format(order_id))
        return {"cancelled": order_id}
