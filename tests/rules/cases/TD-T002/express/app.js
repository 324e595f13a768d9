// File service: uploads and avatars on local disk.
const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const UPLOADS = '/var/app/uploads';

app.get('/uploads/:file', (req, res) => {
  // ruleid: TD-T002
  res.sendFile(path.join(UPLOADS, req.params.file));
});

app.get('/avatars/:file', (req, res) => {
  // ruleid: TD-T002
  fs.readFile(`${UPLOADS}/avatars/${req.params.file}`, (err, data) => {
    if (err) return res.status(404).end();
    return res.type('png').send(data);
  });
});

app.get('/logo', (req, res) => {
  // ok: TD-T002
  res.sendFile(path.join(UPLOADS, 'logo.png'));
});

app.get('/invoices/:file', (req, res) => {
  // ok: TD-T002
  res.sendFile(req.params.file, { root: UPLOADS });
});

app.listen(3000);
