package io.staybook.shared.graphql;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.validation.ValidationError;
import io.staybook.shared.graphql.GraphQlConfig.Refused;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses, after parsing and before validation, a document whose fragments would make validation or the budgets'
 * own traversals ({@link MaxQueryDepth}, {@link OperationCost}) run for minutes: fragment spreads nested more than
 * {@value #MAX_NESTING} levels ({@code fragment F1 on User { ...F2 }}, {@code F2} spreading {@code F3}, ...), code
 * {@code query_too_deep}; or an operation or fragment that, each spread replaced by its fragment, holds more than
 * {@code maxSelections} selections (fields, inline fragments and spreads), code {@code query_too_complex}. Both as
 * BAD_REQUEST, with nothing run.
 * <p>
 * Why: the parser's token limit (15,000) bounds a document's text, not what its fragments stand for. A 1 KiB document
 * whose 26 fragments each spread the next one twice stands for 2^26 selections, and the depth budget walked every one
 * of them (20 s of a core; each further fragment doubled it). A chain of 700 fragments each spreading the next took
 * graphql-java's fragment-cycle rule 24 s (it copies the path at every step), and 1,500 overflowed validation's stack
 * (500). OWASP GraphQL Cheat Sheet, "Query Limiting (Depth &amp; Amount)" and "Batching Attacks":
 * https://cheatsheetseries.owasp.org/cheatsheets/GraphQL_Cheat_Sheet.html.
 * <p>
 * The walk itself is linear in the document: each fragment is measured once and remembered, and the walk stops at the
 * first fragment past the nesting bound. A spread of an unknown fragment, or one that comes back to a fragment being
 * measured (a cycle), counts nothing here; validation reports both.
 */
final class FragmentSpreads extends SimplePerformantInstrumentation {

	/** How deeply fragment spreads may nest: far more than a client's components nest their fragments. */
	static final int MAX_NESTING = 32;

	/** The least bound on selections, whatever the complexity budget: the standard introspection query has ~300. */
	static final int MIN_SELECTIONS = 10_000;

	private final int maxSelections;

	/** @param maxSelections the most selections an operation or fragment may stand for, its spreads expanded */
	FragmentSpreads(int maxSelections) {
		this.maxSelections = maxSelections;
	}

	@Override
	public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
			InstrumentationState state) {
		new Walk(parameters.getDocument()).check();
		return super.beginValidation(parameters, state);
	}

	/** The nesting of fragment spreads under a selection set, and the selections it stands for (at most the bound + 1). */
	private record Shape(int nesting, long selections) {

		static final Shape NONE = new Shape(0, 0);
	}

	/** One document's measurement, each fragment measured once. */
	private final class Walk {

		private final Document document;

		private final Map<String, FragmentDefinition> fragments = new HashMap<>();

		private final Map<String, Shape> measured = new HashMap<>();

		private final Set<String> measuring = new HashSet<>();

		Walk(Document document) {
			this.document = document;
			for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
				fragments.putIfAbsent(fragment.getName(), fragment);
			}
		}

		void check() {
			for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
				within(measure(operation.getSelectionSet(), 0));
			}
			for (String name : fragments.keySet()) {
				within(fragment(name, 1));
			}
		}

		private void within(Shape shape) {
			if (shape.selections() > maxSelections) {
				throw new Refused(ErrorClassification.BAD_REQUEST, "query_too_complex",
						"The document stands for more than " + maxSelections
								+ " selections once its fragments are spread; use fewer fragment spreads.");
			}
		}

		/** The shape of the named fragment, reached through {@code level} nested spreads. */
		private Shape fragment(String name, int level) {
			Shape known = measured.get(name);
			if (known != null) {
				// measured where it was first reached; here it may be further down
				nestedWithin(level + known.nesting());
				return known;
			}
			FragmentDefinition fragment = fragments.get(name);
			if (fragment == null || !measuring.add(name)) {
				return Shape.NONE;
			}
			nestedWithin(level);
			Shape shape = measure(fragment.getSelectionSet(), level);
			measuring.remove(name);
			measured.put(name, shape);
			return shape;
		}

		private static void nestedWithin(int nesting) {
			if (nesting > MAX_NESTING) {
				throw new Refused(ErrorClassification.BAD_REQUEST, "query_too_deep",
						"Fragment spreads are nested more than " + MAX_NESTING + " levels deep; at most "
								+ MAX_NESTING + " are allowed.");
			}
		}

		private Shape measure(SelectionSet selections, int level) {
			if (selections == null) {
				return Shape.NONE;
			}
			int nesting = 0;
			long count = 0;
			for (Selection<?> selection : selections.getSelections()) {
				Shape inner = switch (selection) {
					case Field field -> measure(field.getSelectionSet(), level);
					case InlineFragment inline -> measure(inline.getSelectionSet(), level);
					case FragmentSpread spread -> {
						Shape target = fragment(spread.getName(), level + 1);
						yield new Shape(target.nesting() + 1, target.selections());
					}
					default -> Shape.NONE;
				};
				nesting = Math.max(nesting, inner.nesting());
				// saturated just past the bound: enough to refuse, and no overflow however large the expansion
				count = Math.min(count + 1 + inner.selections(), maxSelections + 1L);
			}
			return new Shape(nesting, count);
		}
	}
}
