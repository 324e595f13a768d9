import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '../../lib/db';

// ruleid: TD-S001
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  await db.subscriber.create({ data: { email: req.body.email } });
  res.status(201).end();
}
