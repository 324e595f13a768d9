const fastify = require('fastify')();

// ruleid: TD-T004
fastify.post('/orders', async (request) => {
  return { id: 1 };
});

// ok: TD-T004 (the body has a schema)
fastify.post('/carts', { schema: { body: { type: 'object', required: ['sku'] } } }, async (request) => {
  return { id: 2 };
});

fastify.listen({ port: 3000 });
