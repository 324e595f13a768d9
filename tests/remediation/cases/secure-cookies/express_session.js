const express = require("express");
const session = require("express-session");

const app = express();
// ruleid: TD-S006
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: false } }));
