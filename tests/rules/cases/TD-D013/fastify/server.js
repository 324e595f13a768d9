const Fastify = require('fastify');

// ruleid: TD-D013
const app = Fastify({ logger: true, bodyLimit: 50 * 1024 * 1024 });

app.post('/documents', async (request) => {
  return { saved: true };
});

// ok: TD-D013 (2 MB for one route is within reason)
app.post('/avatars', { bodyLimit: 2 * 1024 * 1024 }, async (request) => ({ ok: true }));

app.listen({ port: 3000 });
