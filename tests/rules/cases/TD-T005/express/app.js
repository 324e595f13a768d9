// Link tracker: counts outbound clicks, then forwards.
const express = require('express');

const app = express();
let clicks = 0;

app.get('/out', (req, res) => {
  clicks += 1;
  // ruleid: TD-T005
  res.redirect(req.query.url);
});

app.get('/', (req, res) => {
  // ok: TD-T005
  res.redirect('/dashboard');
});

app.listen(3000);
