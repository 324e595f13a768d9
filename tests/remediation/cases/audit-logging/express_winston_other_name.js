// The module logs through winston under its own name: a console line would bypass it.
const express = require("express");
const winston = require("winston");

const appLog = winston.createLogger({ transports: [new winston.transports.Console()] });
const app = express();
app.use(express.json());

// ruleid: TD-R001
app.post("/refunds", async (req, res) => {
  res.json({ ok: true, amount: req.body.amount });
});

app.get("/health", (req, res) => {
  appLog.debug("health");
  res.end();
});

app.listen(3000);
