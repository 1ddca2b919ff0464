# syntax=docker/dockerfile:1.4
FROM debian:bookworm-slim AS setup
RUN <<EOF
set -eu
apt-get update
FROM alpine:3.20
EOF
COPY <<-"CONF" /etc/app/app.conf
	FROM registry.example.com/not/an-image:1
	listen 8080
	CONF
COPY <<robots.txt <<humans.txt /srv/www/
User-agent: *
FROM busybox:1.36
robots.txt
Team: platform
humans.txt
RUN python3 <<'PY'
print("FROM python:3.12")
PY

FROM nginx:1.27-alpine
COPY --from=setup /etc/app /etc/app
COPY --from=setup /srv/www /usr/share/nginx/html
