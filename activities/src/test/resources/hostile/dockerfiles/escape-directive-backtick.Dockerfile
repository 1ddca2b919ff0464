# escape=`
FROM alpine:3.20 `
  AS build
RUN echo \
FROM build
