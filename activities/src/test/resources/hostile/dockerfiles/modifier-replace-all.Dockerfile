ARG V=12.1.1
FROM debian:${V//.1/}
