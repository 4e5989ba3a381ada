package dev.arbiter.service.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Trusts {@link LocalTokens#trusted()} instead of a JWK set, with the production claim checks. */
@TestConfiguration(proxyBeanMethods = false)
public class LocalTokenDecoder {

  @Bean
  @Primary
  JwtDecoder localJwtDecoder(IdentityProperties properties) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(LocalTokens.trustedPublicKey()).build();
    decoder.setJwtValidator(SecurityConfiguration.tokenValidator(properties));
    return decoder;
  }
}
