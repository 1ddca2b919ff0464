FROM alpine:3.20
[2JRUN x
