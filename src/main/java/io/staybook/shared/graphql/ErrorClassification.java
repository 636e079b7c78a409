package io.staybook.shared.graphql;

/** {@code extensions.classification} of GraphQL errors: the REST status families, by name. */
public enum ErrorClassification implements graphql.ErrorClassification {

	BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, INTERNAL_ERROR

}
