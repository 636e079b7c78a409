package io.staybook.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Read-replica routing, only when {@code staybook.datasource.replica.url} is set (otherwise none of this exists and the
 * DataSource is Spring Boot's pool, as before). The auto-configured pool, which stays the primary, is wrapped in a
 * {@link ReadRoutingDataSource}; {@link ReplicaReads} methods are advised to allow the replica; each request is bound
 * by a {@link ReadRoutingFilter}; the lag is measured ({@link ReplicaLagMonitor}) and shown as the gauge
 * {@code staybook.datasource.replica.lag} (seconds; NaN when the replica does not answer),
 * {@code staybook.datasource.replica.serving} (1 or 0) and the health component {@code readReplica}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${staybook.datasource.replica.url:}' != ''")
class ReadReplicaConfig {

	@Bean
	ReadReplica readReplica(ReplicaSettings settings, Environment environment) {
		return ReadReplica.of(settings, environment);
	}

	/**
	 * Wraps Spring Boot's pool (the bean {@code dataSource}) before any other post-processor sees it, so that whatever
	 * wraps DataSources later (the tests' statement recorder) sees every connection, the replica's included. Declared
	 * as its own type: Spring orders post-processors by the type a bean method declares.
	 */
	@Bean
	static RoutingPostProcessor readRoutingDataSource(ObjectProvider<ReadReplica> replica) {
		return new RoutingPostProcessor(replica);
	}

	/** Runs each {@link ReplicaReads} method as such, around its transaction (so it holds when that begins). */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor replicaReadsAdvisor() {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				AnnotationMatchingPointcut.forMethodAnnotation(ReplicaReads.class),
				(MethodInterceptor) invocation -> ReadRouting.replicaReads(invocation::proceed));
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return advisor;
	}

	@Bean
	FilterRegistrationBean<ReadRoutingFilter> readRoutingFilter() {
		FilterRegistrationBean<ReadRoutingFilter> registration = new FilterRegistrationBean<>(new ReadRoutingFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	ReplicaLagMonitor replicaLagMonitor(ReadReplica replica, ReplicaSettings settings) {
		return new ReplicaLagMonitor(replica, settings.lagCheckInterval());
	}

	@Bean
	ReplicaHealthIndicator readReplicaHealthIndicator(ReadReplica replica) {
		return new ReplicaHealthIndicator(replica);
	}

	/** The lag gauges, and the replica pool's own Hikari meters ({@code hikaricp_*{pool="staybook-replica"}}). */
	@Bean
	MeterBinder readReplicaMeters(ReadReplica replica) {
		return registry -> {
			Gauge.builder("staybook.datasource.replica.lag", replica, ReadReplica::lagSeconds)
				.baseUnit("seconds")
				.description("How far the read replica is behind the primary; NaN when it does not answer")
				.register(registry);
			Gauge.builder("staybook.datasource.replica.serving", replica, r -> r.serving() ? 1 : 0)
				.description("1 while reads go to the replica, 0 while they go to the primary")
				.register(registry);
			HikariDataSource pool = replica.pool();
			if (pool.getMetricsTrackerFactory() == null && pool.getMetricRegistry() == null) {
				pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
			}
		};
	}

	static final class RoutingPostProcessor implements BeanPostProcessor, Ordered {

		private final ObjectProvider<ReadReplica> replica;

		RoutingPostProcessor(ObjectProvider<ReadReplica> replica) {
			this.replica = replica;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if ("dataSource".equals(beanName) && bean instanceof HikariDataSource primary) {
				return new ReadRoutingDataSource(primary, replica.getObject());
			}
			return bean;
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}
	}
}
