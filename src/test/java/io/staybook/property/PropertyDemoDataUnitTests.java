package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The words the demo listings' titles use for their type: a newcomer's first search showed "Sunny other in Lisbon". */
class PropertyDemoDataUnitTests {

	@Test
	void everyTypeReadsAsANounInADemoTitle() {
		assertThat(PropertyDemoData.kind(PropertyType.OTHER)).isEqualTo("place");
		assertThat(PropertyDemoData.kind(PropertyType.GUEST_HOUSE)).isEqualTo("guest house");
		assertThat(PropertyDemoData.kind(PropertyType.APARTMENT)).isEqualTo("apartment");
	}
}
