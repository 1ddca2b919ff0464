RUN x
FROM alpine:3.20
