// Image service: converts uploaded images with ImageMagick.
const { exec, spawn } = require('child_process');
const express = require('express');

const app = express();
app.use(express.json());

app.post('/images/convert', (req, res) => {
  // ruleid: TD-E005
  exec(`convert uploads/${req.body.name} -resize 200x200 thumbs/${req.body.name}`, (err) => {
    res.json({ ok: !err });
  });
});

app.post('/images/optimise', (req, res) => {
  // ok: TD-E005
  const child = spawn('optipng', ['--', `uploads/${req.body.name}`]);
  child.on('close', (code) => res.json({ ok: code === 0 }));
});

app.listen(3000);
