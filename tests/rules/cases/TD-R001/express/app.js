// Invoicing API: some changes are audited with pino.
const express = require('express');
const pino = require('pino');
const { requireAuth } = require('./auth');

const app = express();
const logger = pino();
app.use(express.json());
const invoices = new Map();

// ruleid: TD-R001
app.post('/invoices', requireAuth, (req, res) => {
  const id = String(invoices.size + 1);
  invoices.set(id, { amount: Number(req.body.amount) });
  res.status(201).json({ id });
});

// ok: TD-R001
app.delete('/invoices/:id', requireAuth, (req, res) => {
  invoices.delete(req.params.id);
  logger.info({ invoice: req.params.id, user: req.session.userId }, 'invoice deleted');
  res.status(204).end();
});

// ruleid: TD-R001
app.patch('/invoices/:id', requireAuth, (req, res) => {
  invoices.set(req.params.id, { amount: Number(req.body.amount) });
  console.log('invoice patched');
  res.json({ id: req.params.id });
});

// ok: TD-R001
app.put('/invoices/:id', requireAuth, (req, res) => {
  invoices.set(req.params.id, { amount: Number(req.body.amount) });
  console.info(JSON.stringify({ audit: 'invoice replaced', invoice: req.params.id }));
  res.json({ id: req.params.id });
});

app.listen(3000);
