"""Orders API."""

import logging

from fastapi import FastAPI

from .store import orders

logger = logging.getLogger(__name__)

app = FastAPI()


# ruleid: TD-R001
@app.delete("/orders/{order_id}")
def cancel_order(order_id: int):
    logger.info("audit: %s %s", "DELETE", "/orders/{order_id}")
    orders.cancel(order_id)
    return {"cancelled": order_id}
