// Product search with a user-supplied filter.
const express = require('express');
const escapeRegExp = require('lodash.escaperegexp');

const app = express();
const products = ['red kettle', 'blue kettle', 'toaster'];

app.get('/products/search', (req, res) => {
  // ruleid: TD-D003
  const filter = new RegExp(req.query.q, 'i');
  res.json(products.filter((p) => filter.test(p)));
});

app.get('/products/starting-with', (req, res) => {
  // ok: TD-D003
  const prefix = new RegExp('^' + escapeRegExp(String(req.query.prefix)), 'i');
  res.json(products.filter((p) => prefix.test(p)));
});

app.listen(3000);
