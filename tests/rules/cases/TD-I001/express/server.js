// Billing API: invoices and card payments.
const express = require('express');
const logger = require('pino')();

const app = express();
app.use(express.json());

const invoices = new Map();

app.get('/invoices/:id', async (req, res) => {
  try {
    const invoice = invoices.get(req.params.id);
    res.json({ id: invoice.id, total: invoice.total });
  } catch (err) {
    // ruleid: TD-I001
    res.status(500).json({ error: err.message });
  }
});

app.post('/payments', async (req, res) => {
  try {
    await chargeCard(req.body.amount);
    res.status(201).json({ ok: true });
  } catch (err) {
    logger.error({ err }, 'payment failed');
    // ok: TD-I001
    res.status(502).json({ error: 'payment failed, try again later' });
  }
});

async function chargeCard(amount) {
  if (amount <= 0) throw new Error('amount must be positive');
}

app.listen(3000);
