import express from 'express';
import { isAuthenticated } from './auth';
import { ordersRouter } from './express_owner';

export const app = express();
app.use('/orders', isAuthenticated, ordersRouter);
