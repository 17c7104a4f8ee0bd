package se.norrort.consortium.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The write side: consortium application aggregates behind a reactive command API. */
@SpringBootApplication
public class CommandServiceApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        application().run(args);
    }

    /** The application with its own configuration file name, so both services can share one class path in tests. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(CommandServiceApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.config.name", "command-service"));
        return application;
    }
}
