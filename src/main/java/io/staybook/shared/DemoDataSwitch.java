package io.staybook.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether the modules' demo data loaders load anything: {@code staybook.demo-data.enabled} (on by default only with the
 * embedded database, which sets it). Read when the application starts, not as a bean condition, so that an
 * AOT-processed jar, whose beans are fixed at build time, follows the setting too: the loaders always exist and do
 * nothing when it is off.
 */
@Component
public class DemoDataSwitch {

	private final boolean enabled;

	/** @param enabled {@code staybook.demo-data.enabled} */
	public DemoDataSwitch(@Value("${staybook.demo-data.enabled:false}") boolean enabled) {
		this.enabled = enabled;
	}

	/** Whether demo data is to be loaded at this start. */
	public boolean enabled() {
		return enabled;
	}
}
