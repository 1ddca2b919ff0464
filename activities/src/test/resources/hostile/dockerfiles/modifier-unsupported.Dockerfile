ARG V=3.20
FROM alpine:${V^^}
