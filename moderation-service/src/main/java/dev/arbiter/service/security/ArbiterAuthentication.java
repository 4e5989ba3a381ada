package dev.arbiter.service.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An authenticated request: the verified token and the {@link ArbiterUser} read from it. */
public final class ArbiterAuthentication extends AbstractAuthenticationToken {

  private final ArbiterUser user;
  private final Jwt token;

  public ArbiterAuthentication(
      ArbiterUser user, Jwt token, Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.user = user;
    this.token = token;
    setAuthenticated(true);
  }

  @Override
  public ArbiterUser getPrincipal() {
    return user;
  }

  @Override
  public Jwt getCredentials() {
    return token;
  }

  @Override
  public String getName() {
    return user.username();
  }
}
