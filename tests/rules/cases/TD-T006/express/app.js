// Inventory API on MongoDB (mongoose).
const express = require('express');
const mongoose = require('mongoose');

const app = express();
app.use(express.json());
const Product = mongoose.model('Product', new mongoose.Schema({ name: String, category: String }));
const Order = mongoose.model('Order', new mongoose.Schema({ ref: String, status: String }));

app.get('/products', async (req, res) => {
  // ruleid: TD-T006
  const products = await Product.find(req.query);
  res.json({ products });
});

app.post('/orders/search', async (req, res) => {
  // ruleid: TD-T006
  const order = await Order.findOne(req.body);
  res.json({ order });
});

app.get('/products/books', async (req, res) => {
  // ok: TD-T006
  const products = await Product.find({ category: 'books' });
  res.json({ products });
});

app.listen(3000);
