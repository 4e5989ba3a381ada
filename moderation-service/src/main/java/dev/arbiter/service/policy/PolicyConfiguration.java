package dev.arbiter.service.policy;

import dev.arbiter.policy.PolicyCompiler;
import dev.arbiter.policy.PolicyLibrary;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One policy compiler (its cache holds each compiled version once) and one library over the PostgreSQL store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicyProperties.class)
class PolicyConfiguration {

  @Bean
  PolicyCompiler policyCompiler() {
    return new PolicyCompiler();
  }

  @Bean
  PolicyLibrary policyLibrary(JdbcPolicyStore store, PolicyCompiler compiler) {
    return new PolicyLibrary(store, compiler, Clock.systemUTC());
  }
}
