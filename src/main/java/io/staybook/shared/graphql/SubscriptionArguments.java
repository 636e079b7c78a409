package io.staybook.shared.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.staybook.shared.DomainException;
import org.reactivestreams.Publisher;
import org.springframework.validation.BindException;
import reactor.core.publisher.Flux;

/**
 * Gives each field of the {@code Subscription} type the argument errors a query field gets: an argument Spring cannot
 * convert ({@code messageAdded(conversationId: "not-a-uuid")}) fails a subscription's stream, not its fetcher, and
 * reaches {@link SubscriptionErrors}, which has no {@code DataFetchingEnvironment} to name the argument with; it was an
 * INTERNAL_ERROR. Here, where the environment is at hand, it becomes {@link GraphQlErrors#invalidArguments}'s 400; an
 * argument {@link StrictArguments} refuses (an ID that is no canonical UUID, a NUL) fails the stream the same way.
 */
final class SubscriptionArguments extends GraphQLTypeVisitorStub {

	@Override
	public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
			TraverserContext<GraphQLSchemaElement> context) {
		if (!(context.getParentNode() instanceof GraphQLObjectType parent) || !"Subscription".equals(parent.getName())) {
			return TraversalControl.CONTINUE;
		}
		GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
		DataFetcher<?> fetcher = registry.getDataFetcher(parent, field);
		registry.dataFetcher(parent, field, (DataFetcher<Object>) env -> {
			try {
				StrictArguments.check(env);
			}
			catch (DomainException refused) {
				return Flux.error(refused);
			}
			Object value = fetcher.get(env);
			return value instanceof Publisher<?> stream
					? Flux.from(stream).onErrorMap(BindException.class, ex -> GraphQlErrors.invalidArguments(ex, env))
					: value;
		});
		return TraversalControl.CONTINUE;
	}
}
