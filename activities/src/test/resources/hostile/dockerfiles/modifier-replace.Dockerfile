ARG V=3.19
FROM alpine:${V/19/20}
