import { Router } from 'express';
import path from 'path';

const INVOICE_DIR = '/srv/invoices';
export const files = Router();

files.get('/invoices/:name', (req, res) => {
  // ruleid: TD-T002
  res.sendFile(req.params.name, { root: INVOICE_DIR });
});

files.get('/terms', (_req, res) => {
  res.sendFile(path.join(INVOICE_DIR, 'terms.pdf'));
});
