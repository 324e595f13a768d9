const jwt = require('jsonwebtoken');

function authenticate(req, res, next) {
  // ruleid: TD-S004
  req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET, { algorithms: ['none', 'HS256'] });
  next();
}

module.exports = { authenticate };
