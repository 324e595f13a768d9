// Forum API: cookie sessions and signed download links.
const express = require('express');
const session = require('express-session');
const jwt = require('jsonwebtoken');

const app = express();
app.use(express.json());
// ruleid: TD-I003
app.use(session({ secret: 'forum-session-secret-2024', resave: false, saveUninitialized: false }));

// ok: TD-I003
const STORAGE_KEY = process.env.STORAGE_KEY;

app.post('/downloads/:fileId/link', (req, res) => {
  // ruleid: TD-I003
  const token = jwt.sign({ file: req.params.fileId }, 'download-link-signing-key', { expiresIn: '10m' });
  res.json({ url: `/downloads/${req.params.fileId}?t=${token}` });
});

app.post('/uploads/:fileId/link', (req, res) => {
  // ok: TD-I003
  const token = jwt.sign({ file: req.params.fileId }, STORAGE_KEY, { expiresIn: '10m' });
  res.json({ token });
});

app.listen(3000);
