// Catalogue API: the environment name comes from the deployment, not the code.
import express, { Request, Response } from 'express';

const app = express();
// ok: TD-I002
app.set('env', process.env.NODE_ENV);

app.get('/products', (req: Request, res: Response) => {
  res.json([{ sku: 'A-1', name: 'Kettle' }]);
});

app.listen(8080);
