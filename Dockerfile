# syntax=docker/dockerfile:1
# One image for every Khabar process (api, fetcher, processor, cli). The services run their
# TypeScript through tsx: there is no build step, so the image is the sources plus node_modules.
#   docker build -t khabar .
#   docker run -e SERVICE=fetcher khabar        # or: docker run khabar npx khabar stats

ARG NODE_IMAGE=node:20-bookworm-slim

# Stage 1: only the package manifests, so `npm ci` is re-run only when dependencies change.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir -p /manifests \
 && cp package.json package-lock.json /manifests/ \
 && find packages services -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \; \
 && mkdir -p /manifests/services/cli/bin && cp services/cli/bin/khabar.js /manifests/services/cli/bin/

# Stage 2: runtime dependencies only (tsx, which runs the TypeScript sources, is one of them).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Stage 3: runtime, as the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production SERVICE=api API_HOST=0.0.0.0 API_PORT=8080 LOG_PRETTY=false
# Heap caps that keep a busy processor near 250 MB (scripts/lib/service-node-options.ts).
ENV NODE_OPTIONS="--max-old-space-size=192 --max-semi-space-size=2"
WORKDIR /app
COPY --from=deps --chown=node:node /app ./
COPY --chown=node:node . .
USER node
EXPOSE 8080 9464
# api: GET /healthz on API_PORT; workers: GET /healthz on METRICS_PORT (when set).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "infra/docker/healthcheck.mjs"]
STOPSIGNAL SIGTERM
# exec: node becomes PID 1's only child-free process and receives SIGTERM directly.
CMD ["sh", "-c", "exec node --import tsx services/${SERVICE}/src/main.ts"]
