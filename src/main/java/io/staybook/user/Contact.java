package io.staybook.user;

import java.util.UUID;

/** Where to write to someone: for the mails other modules send. */
public record Contact(UUID id, String firstName, String email) {
}
