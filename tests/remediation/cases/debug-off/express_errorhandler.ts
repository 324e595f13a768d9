import express from 'express';
import errorhandler from 'errorhandler';

export const app = express();

// ruleid: TD-I002
app.use(errorhandler());
