FROM rust:1.83-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM scratch AS empty

FROM gcr.io/distroless/cc-debian12
COPY --from=build /src/target/release/app /usr/local/bin/app
COPY --from=empty / /data/
ENTRYPOINT ["/usr/local/bin/app"]
