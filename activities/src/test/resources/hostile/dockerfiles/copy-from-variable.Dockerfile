FROM alpine:3.20
ARG SRC=x
COPY --from=$SRC /a /b
