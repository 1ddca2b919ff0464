# syntax=docker/dockerfile:1
ARG JAVA_VERSION=21

FROM gradle:8.10-jdk${JAVA_VERSION} AS build
WORKDIR /home/gradle/project
COPY --chown=gradle:gradle . .
RUN --mount=type=cache,target=/home/gradle/.gradle/caches \
    gradle bootJar --no-daemon

FROM eclipse-temurin:${JAVA_VERSION}-jre@sha256:7474a69bfd2affb85a9af640eec5773c414c5062460ef28b3d45ee26a501beec AS layers
WORKDIR /layers
COPY --from=build /home/gradle/project/build/libs/app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher

FROM eclipse-temurin:${JAVA_VERSION}-jre@sha256:7474a69bfd2affb85a9af640eec5773c414c5062460ef28b3d45ee26a501beec
WORKDIR /app
COPY --from=layers /layers/app/dependencies/ ./
COPY --from=layers /layers/app/spring-boot-loader/ ./
COPY --from=layers /layers/app/application/ ./
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
