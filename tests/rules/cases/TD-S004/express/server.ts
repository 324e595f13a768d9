// Partner API that accepts tokens from two issuers.
import express, { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

const app = express();
const partnerKey = process.env.PARTNER_JWT_KEY as string;

function partnerClaims(req: Request): jwt.JwtPayload {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  // ruleid: TD-S004
  return jwt.verify(token, partnerKey, { algorithms: ['HS256', 'none'] }) as jwt.JwtPayload;
}

app.get('/partner/shipments', (req: Request, res: Response) => {
  res.json({ shipments: [], partner: partnerClaims(req).sub });
});

app.get('/partner/invoices', (req: Request, res: Response, next: NextFunction) => {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  // ok: TD-S004
  const claims = jwt.verify(token, partnerKey, { algorithms: ['HS256'] }) as jwt.JwtPayload;
  res.json({ invoices: [], partner: claims.sub });
});

app.listen(8080);
