// Subscription service: accounts carry a plan and a role.
const express = require('express');
const passport = require('passport');
const { Account } = require('./models');

const app = express();
app.use(express.json());
const requireJwt = passport.authenticate('jwt', { session: false });

app.post('/accounts', requireJwt, async (req, res) => {
  // ruleid: TD-E003
  const account = await Account.create(req.body);
  res.status(201).json({ id: account.id });
});

app.put('/accounts/:id/display-name', requireJwt, async (req, res) => {
  // ok: TD-E003
  await Account.update({ displayName: req.body.displayName }, { where: { id: req.user.accountId } });
  res.sendStatus(204);
});

app.listen(3000);
