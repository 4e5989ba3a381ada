package dev.arbiter.service.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the web UI (the appeals-ui jar's META-INF/resources) at /: its files as they are, and index.html
 * for every other GET path outside the API so the browser's router can show it (/moderator/items/..).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UiProperties.class)
class SinglePageApp implements WebMvcConfigurer {

  static final String[] LOCATIONS = {"classpath:/META-INF/resources/", "classpath:/static/"};

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    // Built files carry a content hash in their names: cache them for a year.
    registry.addResourceHandler("/assets/**")
        .addResourceLocations("classpath:/META-INF/resources/assets/", "classpath:/static/assets/")
        .setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic());
    registry.addResourceHandler("/**")
        .addResourceLocations(LOCATIONS)
        .setCacheControl(CacheControl.noCache())
        .resourceChain(true)
        .addResolver(new FallBackToIndex());
  }

  /** Whether a path (without a leading slash) belongs to the browser's router rather than to a file or the API. */
  static boolean isAppRoute(String path) {
    String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    if (first.equals("api") || first.equals("actuator") || first.equals("v3") || first.startsWith("swagger-ui")
        || first.equals("error")) {
      return false;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return !last.contains(".");
  }

  private static final class FallBackToIndex extends PathResourceResolver {
    @Override
    protected Resource getResource(String resourcePath, Resource location) throws IOException {
      Resource found = super.getResource(resourcePath, location);
      if (found != null) {
        return found;
      }
      return isAppRoute(resourcePath) ? super.getResource("index.html", location) : null;
    }
  }
}
