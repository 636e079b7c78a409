package io.staybook.shared.graphql;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.Map;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /graphql} is the request of the GraphQL-over-HTTP specification (JSON encoding), not one of
 * our REST bodies: {@code {"query": string, "operationName": string?, "variables": object?, "extensions": object?}},
 * names in camelCase as Apollo Client, urql, Relay and GraphiQL send them, and {@code null} for an optional member the
 * same as leaving it out (the specification says so).
 * <p>
 * Spring GraphQL reads that body into {@link SerializableGraphQlRequest} with the application's JSON mapper, whose
 * snake_case naming is meant for REST bodies only; without this, {@code operationName} is "not a known field" and only
 * {@code operation_name} would select an operation. The rest of the mapper's strictness stays: a member the
 * specification does not define is refused (400, the field named), because the specification reserves all other
 * names "for future expansion" and tells implementors to use {@code extensions} instead, so such a member is a typo
 * ({@code "varaibles"}) or a feature we do not have (a persisted-document id), and running the query without it would
 * answer something other than what was asked. Wrong types ({@code "variables": [7]}, {@code "query": 1}) are 400 as
 * well.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlRequestEnvelope {

	@Bean
	JsonMapperBuilderCustomizer graphQlRequestEnvelopeNames() {
		return builder -> builder.addMixIn(SerializableGraphQlRequest.class, Envelope.class);
	}

	/** The member names and null rules of the specification, laid over Spring GraphQL's request class. */
	@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
	abstract static class Envelope {

		@JsonSetter(nulls = Nulls.AS_EMPTY)
		abstract void setVariables(Map<String, Object> variables);

		@JsonSetter(nulls = Nulls.AS_EMPTY)
		abstract void setExtensions(Map<String, Object> extensions);
	}
}
