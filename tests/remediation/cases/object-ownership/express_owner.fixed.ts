import { Router } from 'express';
import { Order } from './models';

export const ordersRouter = Router();

ordersRouter.get('/mine', async (req, res) => {
  res.json(await Order.findAll({ where: { userId: req.user!.id } }));
});

ordersRouter.get('/:id', async (req, res) => {
  // ruleid: TD-E001
  const order = await Order.findByPk(req.params.id);
  if (order && order.userId !== req.user!.id) {
    res.status(403).json({ error: 'forbidden' });
    return;
  }
  res.json(order);
});
