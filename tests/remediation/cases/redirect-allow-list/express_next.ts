import { Router } from 'express';

export const authRouter = Router();

// The identity provider sends the browser back here after single sign-on.
authRouter.get('/sso/callback', (req, res) => {
  const next = req.query.next;
  // ruleid: TD-T005
  res.redirect(String(next ?? '/account'));
});
