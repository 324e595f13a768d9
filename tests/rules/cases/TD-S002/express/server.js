// Banking API: account lookups and an internal queue monitor.
const express = require('express');
const { requireAuth } = require('./auth');

const app = express();
app.use(express.json());

const accounts = new Map();

// ruleid: TD-S002
app.get('/accounts/:id', (req, res) => {
  const account = accounts.get(req.params.id);
  res.json({ email: account.email, iban: account.iban });
});

// ok: TD-S002
app.get('/me/account', requireAuth, (req, res) => {
  res.json({ email: req.user.email, iban: req.user.iban });
});

// ruleid: TD-S002
app.get('/internal/queues', (req, res) => {
  res.json({ pending: 3, failed: 0 });
});

// ok: TD-S002
app.get('/branches', (req, res) => {
  res.json({ branches: ['Leeds', 'York'] });
});

app.listen(3000);
