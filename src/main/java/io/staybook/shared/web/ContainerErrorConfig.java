package io.staybook.shared.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes Tomcat's own refusals problem details too: see {@link ProblemErrorReportValve}. */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfig {

	@Bean
	TomcatContextCustomizer problemErrorReports() {
		return context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		};
	}
}
