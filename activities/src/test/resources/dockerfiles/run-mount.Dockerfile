# syntax=docker/dockerfile:1
FROM golang:1.23-alpine AS build
WORKDIR /src
RUN --mount=target=.,type=bind,source=. \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -o /out/app .

FROM alpine:3.20
RUN --mount=from=build,src=/out,dst=/mnt/out cp /mnt/out/app /usr/local/bin/app
RUN --mount=source=/etc/ssl/certs,from=cgr.dev/chainguard/static:latest,target=/certs,type=bind \
    cp -r /certs /etc/ssl/
RUN --mount=type=cache,id=apk,target=/var/cache/apk,from=docker.io/library/busybox:1.36,source=/ \
    apk add ca-certificates
RUN --mount=type=secret,id=token,target=/run/secrets/token \
    test -s /run/secrets/token
