import rateLimit from 'express-rate-limit';

export const apiLimiter = rateLimit({ windowMs: 60 * 1000, limit: 30 });
