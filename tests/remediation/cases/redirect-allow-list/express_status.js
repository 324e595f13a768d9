const express = require("express");

const app = express();

app.get("/continue", (req, res) => {
    // ruleid: TD-T005
    res.redirect(302, req.query.to);
});
