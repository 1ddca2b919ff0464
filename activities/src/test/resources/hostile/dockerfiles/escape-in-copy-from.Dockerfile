FROM alpine:3.20
COPY --from=[31mevil /a /b
