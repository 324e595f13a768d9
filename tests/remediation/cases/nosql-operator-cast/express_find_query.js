const express = require('express');
const { Review } = require('./models');

const app = express();

app.get('/reviews', async (req, res) => {
  // ruleid: TD-T006
  const reviews = await Review.find(req.query).limit(50);
  res.json(reviews);
});
