// Sign-up for a small forum.
const express = require('express');
const crypto = require('crypto');
const bcrypt = require('bcrypt');

const app = express();
app.use(express.json());
const users = new Map();

app.post('/register', (req, res) => {
  // ruleid: TD-S005
  const hash = crypto.createHash('sha1').update(req.body.password).digest('hex');
  users.set(req.body.username, hash);
  res.status(201).json({ created: req.body.username });
});

app.post('/v2/register', async (req, res) => {
  // ok: TD-S005
  const hash = await bcrypt.hash(req.body.password, 12);
  users.set(req.body.username, hash);
  res.status(201).json({ created: req.body.username });
});

app.post('/attachments', (req, res) => {
  // ok: TD-S005
  const checksum = crypto.createHash('md5').update(req.body.content).digest('hex');
  res.status(201).json({ checksum });
});

app.listen(3000);
