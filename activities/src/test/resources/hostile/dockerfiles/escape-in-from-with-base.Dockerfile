FROM alpine:3.20
FROM ]0;pwnedevil
