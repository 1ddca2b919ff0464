FROM golang:1.23 AS build
FROM rust:1.80 AS build
FROM build
