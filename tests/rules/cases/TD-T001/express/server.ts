// Customer API on PostgreSQL (node-postgres).
import express, { Request, Response } from 'express';
import { Pool } from 'pg';

const app = express();
const pool = new Pool();

app.get('/customers', async (req: Request, res: Response) => {
  // ruleid: TD-T001
  const result = await pool.query(`SELECT id, name FROM customers WHERE city = '${req.query.city}'`);
  res.json({ customers: result.rows });
});

app.get('/customers/:id', async (req: Request, res: Response) => {
  // ok: TD-T001
  const result = await pool.query('SELECT id, name FROM customers WHERE id = $1', [req.params.id]);
  res.json({ customer: result.rows[0] });
});

app.delete('/customers/:id', async (req: Request, res: Response) => {
  // ruleid: TD-T001
  await pool.query('DELETE FROM customers WHERE id = ' + req.params.id);
  res.status(204).end();
});

app.listen(3000);
