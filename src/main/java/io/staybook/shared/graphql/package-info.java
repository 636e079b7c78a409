/**
 * What every GraphQL adapter shares: error classification, connections, and the limits on what a query may cost.
 */
package io.staybook.shared.graphql;
