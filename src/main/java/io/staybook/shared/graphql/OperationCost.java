package io.staybook.shared.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.staybook.shared.ratelimit.GraphQlCostLimit;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * An operation's cost, computed once when it is about to run (after validation): each field counts 1, and what is
 * under a field with {@code first} counts that many times (a page's size, at most {@link Connections#MAX_FIRST}), what
 * is under {@code calendar} and {@code quote} once per night they answer ({@link #nights});
 * introspection counts 0 ({@link IntrospectionFields}). An operation costlier than
 * {@code staybook.graphql.max-complexity} is refused as BAD_REQUEST {@code query_too_complex}; any other is charged to
 * the caller's GraphQL rate limit ({@link GraphQlCostLimit}), and refused as TOO_MANY_REQUESTS
 * {@code too_many_requests} when over the remaining budget. Either way nothing of it runs.
 */
class OperationCost extends SimplePerformantInstrumentation {

	static final FieldComplexityCalculator PER_PAGE = (environment, childComplexity) -> {
		// introspection reads the in-memory schema; what is under __schema or __type is not counted either
		if (IntrospectionFields.isIntrospection(environment.getField().getName())) {
			return 0;
		}
		Object first = environment.getArguments().get("first");
		int times = first instanceof Integer n ? Math.max(1, Math.min(n, Connections.MAX_FIRST))
				: nights(environment.getField().getName(), environment.getArguments());
		return 1 + childComplexity * times;
	};

	/** The most nights a calendar or a quote answers (a calendar's window, a quote's stay: 366 days at most). */
	static final int MAX_NIGHTS = 366;

	/** A calendar's window when {@code to} is left out (PropertyService's default). */
	static final int DEFAULT_CALENDAR_NIGHTS = 90;

	/**
	 * How many times what is under a field counts when the field answers one entry per night rather than a page:
	 * {@code calendar(from, to)} (one day per night of its window, 90 by default) and {@code quote(checkIn, checkOut)}
	 * (one per night of the stay), at most {@value #MAX_NIGHTS}; 1 for any other field, and for dates that do not
	 * parse (the field then refuses them). Without this, 700 aliases of a year's calendar cost 3,500 and answered
	 * 256,000 days, 14 MB, in one request.
	 */
	static int nights(String field, Map<String, Object> arguments) {
		String from = switch (field) {
			case "calendar" -> "from";
			case "quote" -> "checkIn";
			default -> null;
		};
		if (from == null) {
			return 1;
		}
		String to = field.equals("calendar") ? "to" : "checkOut";
		try {
			LocalDate start = arguments.get(from) instanceof String text ? LocalDate.parse(text)
					: LocalDate.now(ZoneOffset.UTC);
			LocalDate end = arguments.get(to) instanceof String text ? LocalDate.parse(text)
					: start.plusDays(DEFAULT_CALENDAR_NIGHTS);
			return (int) Math.max(1, Math.min(ChronoUnit.DAYS.between(start, end), MAX_NIGHTS));
		}
		catch (DateTimeException ex) {
			return 1;
		}
	}

	private final int maxComplexity;

	private final Budget limit;

	/** Where an operation's cost is charged: {@link GraphQlCostLimit#charge}. */
	interface Budget {

		/** Empty when {@code cost} was taken, else how long until it can be. */
		Optional<Duration> charge(GraphQLContext context, int cost);
	}

	OperationCost(int maxComplexity, Budget limit) {
		this.maxComplexity = maxComplexity;
		this.limit = limit;
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext execution = parameters.getExecutionContext();
		int cost = of(execution);
		if (cost > maxComplexity) {
			throw new GraphQlConfig.Refused(ErrorClassification.BAD_REQUEST, "query_too_complex",
					"The query's complexity is " + cost + "; at most " + maxComplexity
							+ " is allowed. Ask for smaller pages (first) or fewer fields.");
		}
		limit.charge(execution.getGraphQLContext(), cost).ifPresent(wait -> {
			throw new GraphQlConfig.Refused(ErrorClassification.TOO_MANY_REQUESTS, "too_many_requests",
					"Too many requests; try again later.");
		});
		return super.beginExecuteOperation(parameters, state);
	}

	/** The cost of the operation about to run, in complexity units. */
	static int of(ExecutionContext execution) {
		return QueryComplexityCalculator.newCalculator()
			.fieldComplexityCalculator(PER_PAGE)
			.schema(execution.getGraphQLSchema())
			.document(execution.getDocument())
			.operationName(execution.getExecutionInput().getOperationName())
			.variables(execution.getCoercedVariables())
			.build()
			.calculate();
	}
}
