const express = require('express');
const { Review } = require('./models');

const app = express();

app.get('/reviews', async (req, res) => {
  // ruleid: TD-T006
  const reviews = await Review.find(Object.fromEntries(Object.entries(req.query).map(([key, value]) => [key, { $eq: String(value) }]))).limit(50);
  res.json(reviews);
});
