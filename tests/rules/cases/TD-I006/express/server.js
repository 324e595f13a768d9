// Integrations API: the integration detail view returns the partner's API key.
const express = require('express');
const passport = require('passport');

const app = express();
app.use(express.json());

const integrations = new Map();

// ruleid: TD-I006
app.get('/integrations/:id', passport.authenticate('jwt', { session: false }), (req, res) => {
  const integration = integrations.get(req.params.id);
  res.json({ id: integration.id, name: integration.name, apiKey: integration.apiKey });
});

// ok: TD-I006
app.get('/integrations/:id/summary', passport.authenticate('jwt', { session: false }), (req, res) => {
  const integration = integrations.get(req.params.id);
  res.json({ id: integration.id, name: integration.name, apiKeyPrefix: integration.apiKey.slice(0, 4) });
});

// ok: TD-I006
app.post('/integrations', passport.authenticate('jwt', { session: false }), (req, res) => {
  const apiKey = createKey();
  res.status(201).json({ id: 7, apiKey });
});

function createKey() {
  return 'k';
}

app.listen(3000);
