// Checkout: takes orders from the web shop.
const express = require("express");
const axios = require("axios");

const app = express();
app.use(express.json());

// ruleid: TD-D004
app.post("/refunds", async (req, res) => {
  const refund = await axios.post("http://payments/refund", { amount: req.body.amount });
  res.json({ ok: refund.status === 200 });
});

app.listen(3000);
