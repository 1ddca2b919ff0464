ARG REF=docker.io/library/node:22-slim
FROM node:${REF##*:}
