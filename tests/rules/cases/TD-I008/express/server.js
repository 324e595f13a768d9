// Booking site back end, served straight to browsers.
const express = require('express');

// ruleid: TD-I008
const app = express();
app.use(express.json());

app.get('/bookings/:ref', (req, res) => {
  res.json({ ref: req.params.ref, nights: 2 });
});

app.listen(3000);
