import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { JWT_SECRET } from './config';

export function isAuthenticated(req: Request, res: Response, next: NextFunction): void {
  const claims = jwt.verify(req.headers.authorization ?? '', JWT_SECRET, { algorithms: ['HS512'] });
  req.user = claims;
  next();
}

export function legacySession(req: Request, res: Response, next: NextFunction): void {
  const token = req.cookies?.session;
  // ruleid: TD-S003
  const claims = jwt.decode(token);
  req.user = claims;
  next();
}
