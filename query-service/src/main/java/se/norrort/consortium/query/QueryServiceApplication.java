package se.norrort.consortium.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The read side: projections of the shared event store into MongoDB views, served reactively. */
@SpringBootApplication
public class QueryServiceApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        application().run(args);
    }

    /** The application with its own configuration file name, so both services can share one class path in tests. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(QueryServiceApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.config.name", "query-service"));
        return application;
    }
}
