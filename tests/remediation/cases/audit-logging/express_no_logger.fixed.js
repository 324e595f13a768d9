const express = require("express");

const app = express();
app.use(express.json());

// ruleid: TD-R001
app.post("/refunds", async (req, res) => {
  console.info(JSON.stringify({ audit: "POST /refunds" }));
  res.json({ ok: true, amount: req.body.amount });
});

app.listen(3000);
