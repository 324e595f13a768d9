import cors from 'cors';
import express from 'express';

export const app = express();
// ruleid: TD-I005
app.use(cors({ origin: true, credentials: true }));
