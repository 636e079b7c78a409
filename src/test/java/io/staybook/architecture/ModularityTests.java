package io.staybook.architecture;

import io.staybook.StaybookApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The modules (the packages directly under {@code io.staybook}) depend on each other without cycles and only through
 * each other's top-level package or declared named interfaces (Spring Modulith's rules), so that, for example,
 * {@code booking} and {@code payment} cannot come to import each other again (issue 10, item 7).
 */
class ModularityTests {

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
		ApplicationModules.of(StaybookApplication.class).verify();
	}
}
