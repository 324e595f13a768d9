const express = require('express');
const { Order } = require('./models');

const app = express();
app.use(express.json());

app.post('/orders/search', async (req, res) => {
  const filter = req.body;
  // ruleid: TD-T006
  const orders = await Order.find(Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, { $eq: String(value) }])));
  res.json(orders);
});
