package io.staybook.shared.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxDepth how deeply a query may nest; introspection fields do not count
 * @param maxComplexity a query's cost: each field counts 1, and what is under a field with {@code first} counts that
 * many times; introspection fields count 0
 * @param documentCacheSize how many parsed and validated documents are kept, in KiB of their text (a document under
 * 1 KiB counts 1, so the default keeps up to 1,000 ordinary queries); 0 parses and validates every request
 */
@ConfigurationProperties("staybook.graphql")
public record GraphQlSettings(@DefaultValue("12") int maxDepth, @DefaultValue("10000") int maxComplexity,
		@DefaultValue("1000") int documentCacheSize) {
}
