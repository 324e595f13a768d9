// Sign-in and one-time-code verification for the mobile app.
const express = require('express');
const rateLimit = require('express-rate-limit');

const router = express.Router();
const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, max: 10 });

// ok: TD-D001
router.post('/login', loginLimiter, async (req, res) => {
  res.json({ token: await signIn(req.body.email, req.body.password) });
});

// ruleid: TD-D001
router.post('/otp/verify', async (req, res) => {
  res.json({ verified: await checkCode(req.body.phone, req.body.code) });
});

async function signIn(email, password) {
  return 'token';
}

async function checkCode(phone, code) {
  return code === '000000';
}

module.exports = router;
