// Storefront API with helmet's default headers.
import express, { Request, Response } from 'express';
import helmet from 'helmet';

// ok: TD-I008
const app = express();
app.use(helmet());
app.disable('x-powered-by');

app.get('/products/:sku', (req: Request, res: Response) => {
  res.json({ sku: req.params.sku, price: 19.99 });
});

app.listen(8080);
