package dev.arbiter.service.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a random port, trusting {@link LocalTokens}; its Keycloak admin API points
 * at a closed port. Test classes sharing it share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.security.issuer-uri=" + LocalTokens.ISSUER,
      "arbiter.security.admin.server-url=http://127.0.0.1:1",
      "arbiter.security.admin.timeout=2s"
    })
@Import(LocalTokenDecoder.class)
public @interface ServiceWithLocalTokens {}
