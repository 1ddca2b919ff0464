FROM alpine:3.20
RUN ["sh", "-c", "cat <<EOF"]
FROM debian:12
