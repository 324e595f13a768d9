// Pricing rules engine: discount expressions typed in by shop staff.
const express = require('express');

const app = express();
app.use(express.json());
// ok: TD-E004
const addVat = new Function('net', 'return net * 1.2');

app.post('/discounts/preview', (req, res) => {
  // ruleid: TD-E004
  const discount = eval(req.body.expression);
  res.json({ discount, gross: addVat(100 - discount) });
});

app.listen(3000);
