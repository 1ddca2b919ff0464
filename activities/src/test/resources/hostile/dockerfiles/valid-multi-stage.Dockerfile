ARG GO=1.23
FROM golang:${GO}-bookworm AS build
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app /app
