// Fastify's own plugin (@fastify/rate-limit) limits routes: express-rate-limit is no
// Fastify middleware, so no patch is offered.
const fastify = require("fastify")({ logger: true });

// ruleid: TD-D004
fastify.post("/comments", async (request, reply) => {
  request.log.info("comment posted");
  return { ok: true, text: request.body.text };
});

fastify.listen({ port: 3000 });
