import express from 'express';

export const app = express();

app.post('/events', express.text({ type: '*/*' }), (req, res) => {
  // ruleid: TD-T003
  const event = JSON.parse(req.body) as { id: number };
  res.json({ id: event.id });
});
