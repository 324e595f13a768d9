// Public read-only price feed: any origin, no cookies.
const cors = require('cors');
const express = require('express');

const app = express();
// ok: TD-I005
app.use(cors());

app.get('/prices', (req, res) => {
  res.json({ btc: 64000, eth: 3100 });
});

app.listen(3000);
