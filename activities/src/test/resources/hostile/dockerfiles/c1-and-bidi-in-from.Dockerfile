FROM alpine:3.20
FROM a‮bc
