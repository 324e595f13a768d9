const express = require('express');

const router = express.Router();

function requireAuth(req, res, next) {
  if (!req.session || !req.session.userId) return res.status(401).end();
  return next();
}

router.use(requireAuth);

// ok: TD-S001
router.post('/stock/reset', (req, res) => {
  res.json({ reset: true });
});

module.exports = router;
