import express from 'express';
import errorhandler from 'errorhandler';

export const app = express();

// ruleid: TD-I002
if (process.env.NODE_ENV === 'development') {
  app.use(errorhandler());
}
