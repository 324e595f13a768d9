import express from 'express';
import { unserialize } from 'node-serialize';

export const app = express();

app.post('/events', express.text({ type: '*/*' }), (req, res) => {
  // ruleid: TD-T003
  const event = unserialize(req.body) as { id: number };
  res.json({ id: event.id });
});
