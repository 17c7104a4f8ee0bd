# The query-service image: the service's executable jar on a JRE, run as an unprivileged user.
# Build from the repository root after ./mvnw -B -DskipTests package:
#   docker build -f deploy/docker/query-service.Dockerfile -t norrort/query-service:0.1.0 .
# (or without Docker: ./mvnw -B -pl query-service -am -DskipTests package jib:build -Djib.to.image=REGISTRY/norrort/query-service)
# The jar carries neither the embedded MongoDB server nor H2 (.ci/run checks): the image needs a real replica set.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin norrort
WORKDIR /app
COPY query-service/target/query-service-exec.jar /app/query-service.jar
USER 10001
ENV NORRORT_BIND_ADDRESS=0.0.0.0 \
    NORRORT_MANAGEMENT_ADDRESS=0.0.0.0 \
    QUERY_SERVICE_PORT=8082 \
    NORRORT_MANAGEMENT_PORT=9082 \
    NORRORT_MONGODB_CLIENT_PROFILE=replica-set \
    LOGGING_CONFIG=classpath:logback-json.xml \
    AXONIQ_UPDATE_CHECKER_DISABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8082: the API (behind the proxy); 9082: health and /actuator/prometheus (cluster-internal only)
EXPOSE 8082 9082
ENTRYPOINT ["java", "-jar", "/app/query-service.jar"]
