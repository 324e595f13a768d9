import express from 'express';
import { isAuthenticated } from './auth';
import { productsRouter } from './express_no_owner';

export const app = express();
app.use('/products', isAuthenticated, productsRouter);
