"""Orders API."""

from fastapi import FastAPI

from .store import orders

app = FastAPI()


# ruleid: TD-R001
@app.delete("/orders/{order_id}")
def cancel_order(order_id: int):
    orders.cancel(order_id)
    return {"cancelled": order_id}
