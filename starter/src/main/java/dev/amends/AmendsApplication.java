package dev.amends;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AmendsApplication {
  public static void main(String[] args) {
    SpringApplication.run(AmendsApplication.class, args);
  }
}
