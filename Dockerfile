# Builds the amends application image: docker build -t amends:local .
# (docker-compose.yml builds it as the "amends" service.)

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
# The whole build context, narrowed by .dockerignore, rather than a COPY per module: Maven
# refuses `-pl app -am` unless every module the root pom lists is present (benchmarks too,
# though it is not built), and the app packages docs/runbooks. A list of COPY lines went stale
# each time a module was added; DockerfileBuildStageTest replays this stage to keep it honest.
COPY . .
# Tests run in CI, not in the image build; the cache mount keeps ~/.m2 between builds.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests package -pl app -am

FROM eclipse-temurin:17.0.16_8-jre
# curl serves the compose healthcheck; the JRE base image does not promise it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app amends \
 && mkdir -p /var/lib/amends/anchors && chown amends /var/lib/amends/anchors
WORKDIR /app
COPY --from=build /src/app/target/amends.jar /app/amends.jar
USER amends
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/amends.jar"]
