FROM alpine:3.20
RUN --mount=type=bind,from=golang:1.23,target=/go true
