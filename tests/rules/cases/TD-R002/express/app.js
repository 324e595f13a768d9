// Identity API: the auth routes are mounted under /api.
const express = require('express');
const authRoutes = require('./routes/auth');

const app = express();
app.use(express.json());
app.use('/api', authRoutes);

app.listen(3000);
