FROM node:20-alpine AS build
WORKDIR /src
COPY . .
RUN npm ci && npm run build

# ruleid: TD-E012
FROM node:20-alpine
WORKDIR /app
COPY --from=build /src/dist ./dist
RUN addgroup -S app && adduser -S app -G app
USER app
ENTRYPOINT ["node", "dist/server.js"]
