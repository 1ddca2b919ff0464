FROM alpine:3.20
RUN <<-EOF
	FROM evil:1
	EOF
FROM debian:12
