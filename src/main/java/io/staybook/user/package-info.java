/**
 * Accounts (guests, hosts, admins), their profiles, and authentication with access and refresh tokens.
 */
package io.staybook.user;
