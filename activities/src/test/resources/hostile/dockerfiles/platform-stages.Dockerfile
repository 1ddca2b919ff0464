ARG TARGETOS
FROM golang:1.23 AS build-linux
FROM golang:1.23 AS build-windows
FROM build-${TARGETOS}
