package dev.arbiter.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class ArbiterApplication {

  public static void main(String[] args) {
    SpringApplication.run(ArbiterApplication.class, args);
  }
}
