import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { authOptions } from '../../lib/auth';
import { db } from '../../lib/db';

// ok: TD-S001 (the handler checks the session)
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).end();
  if (req.method === 'PUT') {
    await db.user.update({ where: { id: session.user.id }, data: { name: req.body.name } });
  }
  res.status(204).end();
}
