// Inventory API: the admin router is guarded as a whole, one write route is not.
const express = require('express');
const adminRoutes = require('./routes/admin');

const app = express();
app.use(express.json());
app.use('/admin', adminRoutes);
const stock = new Map();

// ruleid: TD-S001
app.put('/stock/:sku', (req, res) => {
  stock.set(req.params.sku, Number(req.body.quantity));
  res.json({ sku: req.params.sku });
});

app.listen(3000);
