import express from 'express';

const app = express();

app.post('/login', (req, res) => {
  // ruleid: TD-S006
  res.cookie('session_token', 'abc', { httpOnly: true, maxAge: 3600 });
  res.json({ ok: true });
});
