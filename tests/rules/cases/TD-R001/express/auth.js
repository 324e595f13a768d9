function requireAuth(req, res, next) {
  if (!req.session || !req.session.userId) return res.status(401).end();
  return next();
}

module.exports = { requireAuth };
