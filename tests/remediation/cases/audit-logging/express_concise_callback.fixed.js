const express = require("express");
const carts = require("./carts");

const app = express();

// ruleid: TD-R001
app.delete("/carts/:id", (req, res) => {
  console.info(JSON.stringify({ audit: "DELETE /carts/{id}" }));
  return carts.remove(req.params.id, () => {
    res.status(204).end();
  });
});

app.listen(3000);
