import { Router } from 'express';
import { QueryTypes } from 'sequelize';
import { sequelize } from './db';

const router = Router();

router.get('/search', async (req, res) => {
  // ruleid: TD-T001
  const rows = await sequelize.query(`SELECT id, name FROM products WHERE name ILIKE '%${req.query.q}%' LIMIT 50`, { type: QueryTypes.SELECT });
  res.json(rows);
});

export default router;
