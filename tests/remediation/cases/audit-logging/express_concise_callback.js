const express = require("express");
const carts = require("./carts");

const app = express();

// ruleid: TD-R001
app.delete("/carts/:id", (req, res) => carts.remove(req.params.id, () => {
  res.status(204).end();
}));

app.listen(3000);
