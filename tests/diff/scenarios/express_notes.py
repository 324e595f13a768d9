"""A small Express (TypeScript) notes API: routers mounted under `/api`, a home-grown
`requireUser` guard in `src/middleware/auth.ts`, and a Jest test file."""

from __future__ import annotations

APP = """\
import express from 'express';
import helmet from 'helmet';
import { notesRouter } from './routes/notes';
import { sharesRouter } from './routes/shares';

export const app = express();

app.use(helmet());
app.use(express.json({ limit: '100kb' }));

app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});

app.use('/api/notes', notesRouter);
app.use('/api/shares', sharesRouter);
"""

AUTH = """\
import { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { JWT_PUBLIC_KEY } from '../config';

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  try {
    res.locals.user = jwt.verify(token, JWT_PUBLIC_KEY, { algorithms: ['RS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'unauthorised' });
  }
}
"""

# Scenario: the PR lets expired tokens through "for clock skew".
AUTH_IGNORING_EXPIRY = AUTH.replace(
    "{ algorithms: ['RS256'] }", "{ algorithms: ['RS256'], ignoreExpiration: true }"
)

CONFIG = """\
export const JWT_PUBLIC_KEY = process.env.JWT_PUBLIC_KEY ?? '';
"""

NOTES = """\
import { Router } from 'express';
import { requireUser } from '../middleware/auth';
import { db } from '../db';

export const notesRouter = Router();

notesRouter.get('/', requireUser, async (_req, res) => {
  const notes = await db.note.findMany({ where: { ownerId: res.locals.user.sub }, take: 50 });
  res.json(notes);
});

notesRouter.post('/', requireUser, async (req, res) => {
  const note = await db.note.create({
    data: {
      ownerId: res.locals.user.sub,
      title: String(req.body.title),
      body: String(req.body.body),
    },
  });
  res.status(201).json(note);
});
"""

SHARES = """\
import { Router } from 'express';
import { requireUser } from '../middleware/auth';
import { db } from '../db';

export const sharesRouter = Router();

sharesRouter.get('/:token', async (req, res) => {
  const share = await db.share.findUnique({ where: { token: req.params.token } });
  if (!share) {
    res.status(404).end();
    return;
  }
  res.json({ title: share.title, body: share.body });
});

sharesRouter.delete('/:token', async (req, res) => {
  await db.share.delete({ where: { token: req.params.token } });
  res.status(204).end();
});

sharesRouter.post('/', requireUser, async (req, res) => {
  const share = await db.share.create({
    data: { noteId: String(req.body.noteId), ownerId: res.locals.user.sub },
  });
  res.status(201).json({ token: share.token });
});
"""

# Scenario: the PR deletes the anonymous DELETE /api/shares/:token route.
SHARES_WITHOUT_DELETE = SHARES.replace(
    """sharesRouter.delete('/:token', async (req, res) => {
  await db.share.delete({ where: { token: req.params.token } });
  res.status(204).end();
});

""",
    "",
)

DB = """\
import { PrismaClient } from '@prisma/client';

export const db = new PrismaClient();
"""

NOTES_TEST = """\
import request from 'supertest';
import { app } from '../src/app';

describe('notes', () => {
  it('rejects anonymous callers', async () => {
    await request(app).get('/api/notes').expect(401);
  });
});
"""

PACKAGE = """\
{
  "name": "notes-api",
  "private": true,
  "dependencies": {
    "express": "^4.19.2",
    "helmet": "^7.1.0",
    "jsonwebtoken": "^9.0.2",
    "@prisma/client": "^5.14.0"
  }
}
"""

FILES = {
    "package.json": PACKAGE,
    "src/app.ts": APP,
    "src/config.ts": CONFIG,
    "src/db.ts": DB,
    "src/middleware/auth.ts": AUTH,
    "src/routes/notes.ts": NOTES,
    "src/routes/shares.ts": SHARES,
    "test/notes.test.ts": NOTES_TEST,
}

# Scenario: the PR adds an app-wide rate limiter.
APP_WITH_RATE_LIMIT = APP.replace(
    "import helmet from 'helmet';\n",
    "import helmet from 'helmet';\nimport rateLimit from 'express-rate-limit';\n",
).replace(
    "app.use(helmet());\n",
    "app.use(helmet());\napp.use(rateLimit({ windowMs: 60_000, limit: 100 }));\n",
)

# Scenario: the PR drops helmet "because the CDN sets the headers".
APP_WITHOUT_HELMET = APP.replace("import helmet from 'helmet';\n", "").replace(
    "app.use(helmet());\n", ""
)

# The notes router guarded where it is mounted, not on each route.
APP_GUARDING_NOTES = APP.replace(
    "import { notesRouter } from './routes/notes';\n",
    "import { requireUser } from './middleware/auth';\n"
    "import { notesRouter } from './routes/notes';\n",
).replace("app.use('/api/notes', notesRouter);", "app.use('/api/notes', requireUser, notesRouter);")

NOTES_UNGUARDED = NOTES.replace("requireUser, ", "").replace(
    "import { requireUser } from '../middleware/auth';\n", ""
)

# Scenario: the PR adds a delete route to that router; the mount still guards it.
NOTES_UNGUARDED_WITH_DELETE = (
    NOTES_UNGUARDED
    + """
notesRouter.delete('/:id', async (req, res) => {
  await db.note.deleteMany({ where: { id: req.params.id, ownerId: res.locals.user.sub } });
  res.status(204).end();
});
"""
)
