package dev.arbiter.service.security;

/** A person who works a queue, as listed for reassignment. */
public record QueueMember(
    String subject, String username, String firstName, String lastName, String email) {}
