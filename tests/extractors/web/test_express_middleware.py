"""Express middleware chains: which guards authenticate, rate-limit or authorise, and how
`app.use`/`router.use` order and prefixes decide what they protect."""

from __future__ import annotations

from express_helpers import endpoint, extract

from threatdelta.model import EvidenceRole, Location, Tri


def _auth(frag, method: str, path: str) -> tuple[Tri, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    ep = endpoint(frag, method, path)
    return ep.authentication, ep.auth_schemes


def test_passport_express_jwt_and_guard_names_authenticate_a_route() -> None:
    frag = extract(
        """
        const express = require('express');
        const passport = require('passport');
        const { expressjwt } = require('express-jwt');
        const { isAuthenticated } = require('./middleware/auth');
        const app = express();
        const checkJwt = expressjwt({ secret: process.env.KEY, algorithms: ['HS256'] });

        app.post('/a', passport.authenticate('bearer'), (req, res) => res.end());
        app.post('/b', checkJwt, (req, res) => res.end());
        app.post('/c', isAuthenticated, (req, res) => res.end());
        app.post('/d', (req, res) => res.end());
        """
    )
    assert _auth(frag, "POST", "/a") == (Tri.YES, ("passport", "bearer"))
    assert _auth(frag, "POST", "/b") == (Tri.YES, ("jwt",))
    assert _auth(frag, "POST", "/c") == (Tri.YES, ("isAuthenticated",))
    assert _auth(frag, "POST", "/d") == (Tri.NO, ())


def test_custom_middleware_calling_jwt_verify_and_next_is_an_auth_guard() -> None:
    frag = extract(
        """
        const express = require('express');
        const jwt = require('jsonwebtoken');
        const app = express();

        const loadCaller = (req, res, next) => {
          const token = req.headers.authorization.split(' ')[1];
          req.user = jwt.verify(token, process.env.JWT_SECRET);
          next();
        };
        function stamp(req, res, next) { req.startedAt = Date.now(); next(); }
        function tenant(req, res, next) { req.tenant = sessions.lookup(req); next(); }

        app.put('/profile', loadCaller, (req, res) => res.end());
        app.put('/stamped', stamp, (req, res) => res.end());
        app.put('/tenant', tenant, (req, res) => res.end());
        """
    )
    assert _auth(frag, "PUT", "/profile") == (Tri.YES, ("jwt",))
    assert _auth(frag, "PUT", "/stamped") == (Tri.NO, ())  # analysed: no control in it
    assert _auth(frag, "PUT", "/tenant") == (Tri.UNKNOWN, ())  # calls what may be one


def test_unrecognised_middleware_makes_authentication_unknown_but_plain_utilities_do_not() -> None:
    frag = extract(
        """
        const express = require('express');
        const multer = require('multer');
        const { body } = require('express-validator');
        const { tenantContext } = require('./middleware/tenant');
        const app = express();
        const upload = multer({ dest: 'uploads/' });

        app.post('/import', tenantContext, (req, res) => res.end());
        app.post('/upload', upload.single('file'), body('name').isString(), express.json(),
          (req, res) => res.end());
        """
    )
    ep = endpoint(frag, "POST", "/import")
    assert (ep.authentication, ep.rate_limited) == (Tri.UNKNOWN, Tri.UNKNOWN)
    plain = endpoint(frag, "POST", "/upload")
    assert (plain.authentication, plain.rate_limited) == (Tri.NO, Tri.NO)


def test_rate_limiters_on_the_route_on_the_router_and_on_the_app() -> None:
    frag = extract(
        """
        const express = require('express');
        const rateLimit = require('express-rate-limit');
        const slowDown = require('express-slow-down');
        const app = express();
        const router = express.Router();
        const loginLimiter = rateLimit({ windowMs: 60000, max: 5 });

        router.use(slowDown({ delayAfter: 5 }));
        router.post('/login', (req, res) => res.end());
        app.post('/token', loginLimiter, (req, res) => res.end());
        app.post('/signup', (req, res) => res.end());
        module.exports = router;
        """
    )
    app_decl, router_decl = frag.routers
    assert (app_decl.is_app, app_decl.rate_limited) == (True, Tri.NO)
    assert router_decl.rate_limited is Tri.YES
    assert endpoint(frag, "POST", "/login").rate_limited is Tri.NO  # the router carries it
    assert endpoint(frag, "POST", "/token").rate_limited is Tri.YES
    assert endpoint(frag, "POST", "/signup").rate_limited is Tri.NO


def test_router_use_before_every_route_goes_on_the_router_with_its_evidence() -> None:
    frag = extract(
        """
        const { Router } = require('express');
        const { requireAuth } = require('../middleware');
        const router = Router();
        router.use(requireAuth);
        router.get('/me', (req, res) => res.json({}));
        module.exports = router;
        """,
        path="src/routes/me.js",
    )
    [decl] = frag.routers
    assert (decl.authentication, decl.auth_schemes) == (Tri.YES, ("requireAuth",))
    [evidence] = decl.auth_evidence
    assert evidence.location == Location(path="src/routes/me.js", start_line=4, end_line=4)
    assert evidence.role is EvidenceRole.CONFIG
    assert endpoint(frag, "GET", "/me").authentication is Tri.NO


def test_app_use_applies_only_to_routes_registered_after_it_and_under_its_prefix() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();

        app.post('/open', (req, res) => res.end());
        app.use('/admin', requireAdmin);
        app.use(authenticate);
        app.post('/closed', (req, res) => res.end());
        app.post('/admin/users', (req, res) => res.end());
        """
    )
    assert _auth(frag, "POST", "/open") == (Tri.NO, ())
    assert _auth(frag, "POST", "/closed") == (Tri.YES, ("authenticate",))
    admin = endpoint(frag, "POST", "/admin/users")
    assert admin.auth_schemes == ("requireAdmin", "authenticate")
    assert admin.object_authorization is Tri.YES  # a permission guard
    assert frag.routers[0].authentication is Tri.NO  # not before every route


def test_all_with_a_wildcard_path_is_middleware_for_that_prefix() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();
        app.all('/api/*', ensureLoggedIn);
        app.delete('/api/items/:id', (req, res) => res.end());
        app.delete('/other', (req, res) => res.end());
        """
    )
    assert [e.endpoint.method for e in frag.endpoints] == ["DELETE", "DELETE"]
    assert _auth(frag, "DELETE", "/api/items/{id}") == (Tri.YES, ("ensureLoggedIn",))
    assert _auth(frag, "DELETE", "/other") == (Tri.NO, ())


def test_route_chain_all_guard_protects_the_methods_after_it() -> None:
    frag = extract(
        """
        const router = require('express').Router();
        router.route('/notes/:id').all(verifyToken).get((req, res) => res.end());
        """
    )
    assert _auth(frag, "GET", "/notes/{id}") == (Tri.YES, ("verifyToken",))


def test_optional_auth_is_not_authentication_and_required_auth_is() -> None:
    frag = extract(
        """
        const router = require('express').Router();
        const auth = require('../auth');
        router.get('/feed', auth.optional, (req, res) => res.end());
        router.post('/articles', auth.required, (req, res) => res.end());
        """
    )
    assert _auth(frag, "GET", "/feed") == (Tri.NO, ())
    assert _auth(frag, "POST", "/articles") == (Tri.YES, ("auth.required",))
