import { Router } from 'express';
import { Comment } from './models';
import { apiLimiter } from './middleware/limits';

export const commentsRouter = Router();

// ruleid: TD-D004
commentsRouter.post('/comments', apiLimiter, async (req, res) => {
  res.status(201).json(await Comment.create({ text: String(req.body.text) }));
});
