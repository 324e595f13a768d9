// Order API that reads the caller from a bearer token.
const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();
const orders = new Map();

app.get('/orders', (req, res) => {
  const token = (req.headers.authorization || '').split(' ')[1];
  // ruleid: TD-S003
  const claims = jwt.decode(token);
  res.json({ orders: orders.get(claims.sub) || [] });
});

app.get('/invoices', (req, res) => {
  const token = (req.headers.authorization || '').split(' ')[1];
  // ok: TD-S003
  const claims = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
  res.json({ invoices: [], owner: claims.sub });
});

module.exports = app;
