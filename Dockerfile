# syntax=docker/dockerfile:1
# paperbot: two stages. The build stage has the compilers better-sqlite3's native module needs and
# the dev dependencies (TypeScript); the runtime image has neither, and runs as the unprivileged
# `node` user. Build: `docker build -t paperbot .`; run with docker compose (compose.yaml).

# ---- build ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is compiled from source when no prebuilt binary fits (node-gyp: python3, make, g++).
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
# Dependencies first, so a source change does not reinstall them. No scripts yet: `prepare`
# would build before the sources are here; the native module is built just below.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts \
    && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY bench ./bench
RUN npm run build \
    && npm prune --omit=dev

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PAPERBOT_CACHE_DIR=/data/cache
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The bundled corpus (the default CORPUS_DIR); mount your own and set CORPUS_DIR to replace it.
COPY --chown=root:root seeds ./seeds
# The store (SQLite, when DATABASE_URL is unset) and index snapshots: the only writable place.
RUN mkdir -p /data/cache && chown -R node:node /data
VOLUME ["/data"]
USER node
# Slack HTTP mode listens here (PORT); Socket Mode and Discord need no inbound port.
EXPOSE 3000
# Exec form: node is PID 1's child of nothing else, so SIGTERM reaches it and it stops gracefully.
CMD ["node", "dist/adapters/main.js"]
