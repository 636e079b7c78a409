/**
 * What every module shares: identifiers, errors and their translation to HTTP, paging, security and database setup.
 */
package io.staybook.shared;
