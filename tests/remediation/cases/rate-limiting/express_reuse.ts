import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { User } from '../models';

export const authRouter = Router();

const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 });

authRouter.post('/login', loginLimiter, async (req, res) => {
  res.json(await User.signIn(req.body.email, req.body.password));
});

// ruleid: TD-D001
authRouter.post('/register', async (req, res) => {
  res.status(201).json(await User.register(req.body.email, req.body.password));
});
