ARG V=[31m
FROM alpine:$V
