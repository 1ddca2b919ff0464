ARG GO=1.23.4
FROM golang:${GO%.*}
