import { Router } from 'express';
import { Order } from '../models';
import { logger } from '../logger';

export const ordersRouter = Router();

// ruleid: TD-R001
ordersRouter.post('/:id/cancel', async (req, res) => {
  const order = await Order.findOne({ where: { id: req.params.id, userId: req.user!.id } });
  if (!order) {
    res.status(404).json({ error: 'no such order' });
    return;
  }
  order.status = 'cancelled';
  await order.save();
  res.json(order);
});
