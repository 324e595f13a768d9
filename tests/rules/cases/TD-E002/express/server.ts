// Webhook tester: the server calls a URL the user typed in.
import axios from 'axios';
import express, { Request, Response } from 'express';

const app = express();
app.use(express.json());
const PRICE_FEED_URL = 'https://prices.example.com/latest';

app.post('/webhooks/test', async (req: Request, res: Response) => {
  // ruleid: TD-E002
  const reply = await axios.post(req.body.callbackUrl, { ping: true });
  res.json({ status: reply.status });
});

app.get('/prices', async (req: Request, res: Response) => {
  // ok: TD-E002
  const feed = await fetch(PRICE_FEED_URL);
  res.json(await feed.json());
});

app.listen(8080);
