const express = require('express');
const winston = require('winston');

const router = express.Router();
const logger = winston.createLogger({ transports: [new winston.transports.Console()] });
const users = new Map();

// ruleid: TD-R002
router.post('/auth/token', (req, res) => {
  const user = users.get(req.body.username);
  if (!user || user.password !== req.body.password) return res.status(401).end();
  return res.json({ token: 'issued' });
});

// ok: TD-R002
router.post('/auth/signup', (req, res) => {
  users.set(req.body.username, { password: req.body.password });
  logger.info('signup', { username: req.body.username, ip: req.ip });
  res.status(201).json({ created: req.body.username });
});

module.exports = router;
