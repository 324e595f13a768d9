// Web shop front end: sessions, login and preferences.
const express = require('express');
const session = require('express-session');
const crypto = require('crypto');

const app = express();
app.use(express.json());
// ruleid: TD-S006
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { secure: false } }));

app.post('/login', (req, res) => {
  const token = crypto.randomBytes(32).toString('hex');
  // ruleid: TD-S006
  res.cookie('auth_token', token, { httpOnly: true });
  // ok: TD-S006
  res.cookie('locale', req.body.locale || 'en');
  res.json({ ok: true });
});

app.post('/token/refresh', (req, res) => {
  const token = crypto.randomBytes(32).toString('hex');
  // ok: TD-S006
  res.cookie('auth_token', token, { httpOnly: true, secure: true, sameSite: 'strict' });
  res.json({ ok: true });
});

app.listen(3000);
