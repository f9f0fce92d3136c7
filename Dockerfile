# The production image: the API built to JavaScript and the console's static files, run with
# plain node as an unprivileged user, with the API's production dependencies only (no devkit,
# no emulators: demo mode is off). See "Deploy" in the README; compose.yaml adds PostgreSQL.
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-slim AS build
WORKDIR /src
# The pnpm that package.json pins.
COPY package.json ./
RUN npm install -g "$(node -p 'require("./package.json").packageManager')"
# Dependencies first, so a code change does not reinstall them.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
COPY api/package.json api/
COPY devkit/package.json devkit/
COPY shared/package.json shared/
COPY web/package.json web/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build
# The API's production dependencies, in a node_modules of their own.
RUN pnpm --filter @surgedesk/api deploy --prod --legacy /deploy

FROM node:${NODE_VERSION}-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
# The root manifest: its version names the API in the OpenAPI document.
COPY --from=build /src/package.json ./
COPY --from=build /deploy/node_modules api/node_modules
COPY --from=build /src/api/package.json api/
COPY --from=build /src/api/dist api/dist
COPY --from=build /src/api/models api/models
COPY --from=build /src/web/dist web/dist
# PGlite's directory, when no DATABASE_URL is given (mount a volume there to keep it).
RUN mkdir /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "api/dist/server.js"]
