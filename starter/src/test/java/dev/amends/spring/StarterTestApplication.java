package dev.amends.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The configuration slice tests of the starter start from, as a service's own application would be.
 */
@SpringBootApplication
public class StarterTestApplication {}
