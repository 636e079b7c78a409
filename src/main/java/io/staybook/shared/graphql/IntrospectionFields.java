package io.staybook.shared.graphql;

import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.introspection.Introspection;
import java.util.Set;

/**
 * The introspection fields of the GraphQL specification: {@code __schema}, {@code __type} and {@code __typename}. They
 * and everything under them are left out of the depth and complexity budgets: they read the schema, which is small
 * and in memory, never the database, and the standard introspection query that GraphiQL, graphql-codegen and Postman
 * send nests 13 levels by itself. What keeps introspection from being abused is graphql-java's good-faith
 * introspection check (at most 500 fields, 20 levels, and no repeated {@code fields}/{@code types} cycles), and it can
 * be switched off ({@code spring.graphql.schema.introspection.enabled=false}).
 */
final class IntrospectionFields {

	private static final Set<String> NAMES = Set.of(Introspection.SchemaMetaFieldDef.getName(),
			Introspection.TypeMetaFieldDef.getName(), Introspection.TypeNameMetaFieldDef.getName());

	private IntrospectionFields() {
	}

	static boolean isIntrospection(String fieldName) {
		return NAMES.contains(fieldName);
	}

	/** Whether this field is an introspection field or lies under one. */
	static boolean isWithinIntrospection(QueryVisitorFieldEnvironment field) {
		for (QueryVisitorFieldEnvironment at = field; at != null; at = at.getParentEnvironment()) {
			if (isIntrospection(at.getField().getName())) {
				return true;
			}
		}
		return false;
	}
}
