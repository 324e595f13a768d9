const express = require("express");

const app = express();

function sanitizeRedirect(target) {
    const value = String(target ?? "");
    const local = value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\");
    return local ? value : "/";
}

app.get("/continue", (req, res) => {
    // ruleid: TD-T005
    res.redirect(302, sanitizeRedirect(req.query.to));
});
