import { Router } from 'express';
import { logger } from './logger';

export const router = Router();

router.post('/orders', async (req, res) => {
  try {
    await placeOrder(req.body);
    res.status(201).json({ ok: true });
  } catch (err) {
    // ruleid: TD-I001
    logger.error('request failed', err);
    res.status(502).json({ error: 'could not place the order' });
  }
});
