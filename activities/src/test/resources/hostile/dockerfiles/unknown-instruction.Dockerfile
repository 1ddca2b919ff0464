FROM alpine:3.20
RUNN make
