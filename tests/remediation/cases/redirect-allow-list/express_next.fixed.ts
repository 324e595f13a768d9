import { Router } from 'express';

export const authRouter = Router();

function sanitizeRedirect(target: unknown): string {
  const value = String(target ?? '');
  const local = value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
  return local ? value : '/';
}

// The identity provider sends the browser back here after single sign-on.
authRouter.get('/sso/callback', (req, res) => {
  const next = req.query.next;
  // ruleid: TD-T005
  res.redirect(sanitizeRedirect(String(next ?? '/account')));
});
