FROM alpine:3.20
FROM alp​ine:3.20
