FROM alpine:3.20
FROM library/../etc:1
