import { Router } from 'express';
import { Comment } from './models';

export const commentsRouter = Router();

// ruleid: TD-D004
commentsRouter.post('/comments', async (req, res) => {
  res.status(201).json(await Comment.create({ text: String(req.body.text) }));
});
