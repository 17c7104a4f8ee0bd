package se.norrort.consortium.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The browser's one origin: the static Swedish frontend, and Spring Cloud Gateway routes that send commands to the
 * command-service and reads and streams to the query-service (routes in {@code web.yml}, see doc/web.md). Holds no
 * business rule and no token: the browser sends its bearer token, the services decide.
 */
@SpringBootApplication
@EnableConfigurationProperties(WebProperties.class)
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(WebApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.config.name", "web"));
        application.run(args);
    }
}
