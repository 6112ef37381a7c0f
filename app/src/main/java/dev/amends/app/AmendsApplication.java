package dev.amends.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AmendsApplication {
  /** The classpath folder of this application's own tables: stories, sandboxes, reconciler runs. */
  public static final String MIGRATIONS = "db/app";

  public static void main(String[] args) {
    SpringApplication.run(AmendsApplication.class, args);
  }
}
