// Recipe community site: comments, feedback and orders.
const express = require('express');
const rateLimit = require('express-rate-limit');
const passport = require('passport');

const app = express();
app.use(express.json());

const feedbackLimiter = rateLimit({ windowMs: 60 * 1000, max: 5 });
const comments = [];

// ruleid: TD-D004
app.post('/recipes/:id/comments', (req, res) => {
  comments.push({ recipe: req.params.id, text: req.body.text });
  res.status(201).json({ ok: true });
});

// ok: TD-D004
app.post('/feedback', feedbackLimiter, (req, res) => {
  res.status(202).json({ received: true });
});

// ok: TD-D004
app.post('/orders', passport.authenticate('jwt', { session: false }), (req, res) => {
  res.status(201).json({ order: 1 });
});

app.listen(3000);
