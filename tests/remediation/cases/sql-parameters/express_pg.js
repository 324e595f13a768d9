const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const app = express();

app.get("/orders/:id", async (req, res) => {
  // ruleid: TD-T001
  const result = await pool.query(`SELECT * FROM orders WHERE id = ${req.params.id}`);
  res.json(result.rows);
});
