// Shop back end: the CORS policy reflects any origin and allows cookies.
import cors from 'cors';
import express, { Request, Response } from 'express';

const app = express();
// ruleid: TD-I005
app.use(cors({ origin: true, credentials: true }));
app.use(express.json());

app.get('/cart', (req: Request, res: Response) => {
  res.json({ items: [] });
});

app.listen(8080);
