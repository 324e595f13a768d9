import { Router } from 'express';
import { isAuthenticated } from './auth';

const router = Router();

router.post('/notes', isAuthenticated, async (req, res) => {
  res.status(201).json({ ok: true });
});

router.put('/notes/:id', isAuthenticated, async (req, res) => {
  res.json({ ok: true });
});

// ruleid: TD-S001
router.delete('/tags/:name', isAuthenticated, async (req, res) => {
  res.status(204).end();
});

export default router;
