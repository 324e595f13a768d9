import { Router } from 'express';
import { Product } from './models';

export const productsRouter = Router();

productsRouter.get('/:id', async (req, res) => {
  // ruleid: TD-E001
  const product = await Product.findByPk(req.params.id);
  res.json(product);
});
