package io.staybook.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.staybook.test.IntegrationTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Without {@code staybook.datasource.replica.url} (every other integration test) nothing of the replica exists: the
 * DataSource is Spring Boot's one pool, as before, with no routing, no second pool and no replica meters.
 */
@IntegrationTest
class WithoutReplicaIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Test
	void theDataSourceIsTheOnePoolAsBefore() {
		assertThat(context.getBeanNamesForType(ReadReplica.class)).isEmpty();
		// the tests' statement recorder wraps it; under that, Spring Boot's pool itself
		assertThat(((DelegatingDataSource) dataSource).getTargetDataSource()).isInstanceOf(HikariDataSource.class);
		assertThat(meters.find("staybook.datasource.replica.lag").gauge()).isNull();
		assertThat(context.getBeansOfType(org.springframework.aop.Advisor.class).keySet())
			.doesNotContain("replicaReadsAdvisor");
	}
}
