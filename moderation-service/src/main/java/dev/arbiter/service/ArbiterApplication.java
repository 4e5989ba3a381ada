package dev.arbiter.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ArbiterApplication {

  public static void main(String[] args) {
    SpringApplication.run(ArbiterApplication.class, args);
  }
}
