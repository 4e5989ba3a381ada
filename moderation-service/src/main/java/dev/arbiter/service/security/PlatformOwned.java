package dev.arbiter.service.security;

/** Something submitted by one platform, such as a content item or a user report. */
public interface PlatformOwned {

  /** The submitting platform, as in its client's {@code platform_id} claim. */
  String platformId();
}
