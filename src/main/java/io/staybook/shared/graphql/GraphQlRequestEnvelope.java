package io.staybook.shared.graphql;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.staybook.shared.validation.MultiLine;
import java.util.Map;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.module.SimpleModule;

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
 * well. The body {@code null} is read as {@code {}} (refused, 400, for its missing query, instead of failing inside
 * Spring GraphQL), and an array, the batch some clients send, is refused (400): batching is not supported.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlRequestEnvelope {

	@Bean
	JsonMapperBuilderCustomizer graphQlRequestEnvelopeNames() {
		return builder -> builder.addMixIn(SerializableGraphQlRequest.class, Envelope.class)
			.addModule(new SimpleModule("graphql-request-envelope").setDeserializerModifier(new OneRequestModifier()));
	}

	/** The member names and null rules of the specification, laid over Spring GraphQL's request class. */
	@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
	abstract static class Envelope {

		/** A document of several lines; the texts in it are checked as arguments once it is parsed. */
		@MultiLine
		abstract void setQuery(String query);

		@JsonSetter(nulls = Nulls.AS_EMPTY)
		abstract void setVariables(Map<String, Object> variables);

		@JsonSetter(nulls = Nulls.AS_EMPTY)
		abstract void setExtensions(Map<String, Object> extensions);
	}

	/** Reads every {@link SerializableGraphQlRequest} through {@link OneRequest}. */
	private static final class OneRequestModifier extends ValueDeserializerModifier {

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier bean,
				ValueDeserializer<?> deserializer) {
			return bean.getBeanClass() == SerializableGraphQlRequest.class ? new OneRequest(deserializer) : deserializer;
		}
	}

	/** One request object: {@code null} is an empty one, an array (a batch) is refused. */
	private static final class OneRequest extends DelegatingDeserializer {

		OneRequest(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new OneRequest(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.isExpectedStartArrayToken()) {
				// the message is the field error's; JsonReadErrors passes it on for the body as a whole
				throw ValueInstantiationException.from(parser, "batch", context.constructType(SerializableGraphQlRequest.class),
						new IllegalArgumentException("is an array: batching is not supported, send one request object"));
			}
			return super.deserialize(parser, context);
		}

		@Override
		public Object getNullValue(DeserializationContext context) {
			return new SerializableGraphQlRequest();
		}
	}
}
