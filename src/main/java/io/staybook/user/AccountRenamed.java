package io.staybook.user;

import java.util.UUID;

/**
 * Published inside the transaction that changes what an account's {@link UserSummary} shows (its first name: a rename,
 * or the anonymisation of a deletion), so that a module which keeps copies of it (the listings cache, which holds each
 * listing's host) can drop them when that transaction commits.
 */
public record AccountRenamed(UUID accountId) {
}
