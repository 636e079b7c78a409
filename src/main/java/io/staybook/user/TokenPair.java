package io.staybook.user;

/** What a successful login or refresh hands out. */
public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds) {
}
