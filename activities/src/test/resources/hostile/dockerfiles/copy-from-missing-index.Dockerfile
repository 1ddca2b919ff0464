FROM alpine:3.20
COPY --from=7 /a /b
