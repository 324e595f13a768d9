// Document store: signed-in users open and delete their documents.
const express = require('express');
const passport = require('passport');
const { Document } = require('./models');

const app = express();
app.use(express.json());
const requireJwt = passport.authenticate('jwt', { session: false });

app.get('/documents/:id', requireJwt, async (req, res) => {
  // ok: TD-E001
  const doc = await Document.findOne({ where: { id: req.params.id, ownerId: req.user.id } });
  if (!doc) return res.sendStatus(404);
  res.json({ id: doc.id, title: doc.title });
});

app.delete('/documents/:id', requireJwt, async (req, res) => {
  // ruleid: TD-E001
  const doc = await Document.findByPk(req.params.id);
  await doc.destroy();
  res.sendStatus(204);
});

app.listen(3000);
