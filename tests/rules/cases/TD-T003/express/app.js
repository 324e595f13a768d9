// Preferences service that keeps user preferences in a cookie.
const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');

const app = express();
app.use(cookieParser());
app.use(express.json());

app.get('/preferences', (req, res) => {
  // ruleid: TD-T003
  const prefs = serialize.unserialize(req.cookies.prefs);
  res.json({ theme: prefs.theme });
});

app.post('/preferences', (req, res) => {
  // ok: TD-T003
  const prefs = JSON.parse(req.body.prefs);
  res.json({ theme: prefs.theme });
});

app.listen(3000);
