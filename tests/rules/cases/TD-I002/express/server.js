// Notes API with the development error handler left switched on.
const express = require('express');
const errorhandler = require('errorhandler');

const app = express();
app.use(express.json());

app.get('/notes', (req, res) => {
  res.json([{ id: 1, text: 'buy milk' }]);
});

// ruleid: TD-I002
app.use(errorhandler());

app.listen(3000);
