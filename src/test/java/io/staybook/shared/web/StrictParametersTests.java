package io.staybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.TypeMismatchException;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.web.bind.WebDataBinder;

/** {@link StrictParameters} in a binder that has Spring's own conversions as well, as Spring MVC's binders do. */
class StrictParametersTests {

	private final WebDataBinder conversions = new WebDataBinder(null);

	StrictParametersTests() {
		conversions.setConversionService(new DefaultFormattingConversionService());
		new StrictParameters().registerCustomEditors(conversions);
	}

	@Test
	void numbersAreWrittenAsJsonWritesThem() {
		assertThat(conversions.convertIfNecessary("2", Integer.class)).isEqualTo(2);
		assertThat(conversions.convertIfNecessary("-9.1393", Double.class)).isEqualTo(-9.1393);
		assertThat(conversions.convertIfNecessary("120.50", BigDecimal.class)).isEqualByComparingTo("120.50");
		for (String wrong : new String[] { "0x2", " 2", "+2", "2.5", "1e1", "#2" }) {
			assertThatThrownBy(() -> conversions.convertIfNecessary(wrong, Integer.class)).as(wrong)
				.isInstanceOf(TypeMismatchException.class);
		}
		for (String wrong : new String[] { "NaN", "Infinity", "1e999999", "0x1p3", "1d" }) {
			assertThatThrownBy(() -> conversions.convertIfNecessary(wrong, Double.class)).as(wrong)
				.isInstanceOf(TypeMismatchException.class);
			assertThatThrownBy(() -> conversions.convertIfNecessary(wrong, BigDecimal.class)).as(wrong)
				.isInstanceOf(TypeMismatchException.class);
		}
	}

	@Test
	void booleansAndDatesHaveOneSpelling() {
		assertThat(conversions.convertIfNecessary("true", Boolean.class)).isTrue();
		assertThatThrownBy(() -> conversions.convertIfNecessary("yes", Boolean.class)).isInstanceOf(TypeMismatchException.class);
		assertThat(conversions.convertIfNecessary("2027-01-05", LocalDate.class)).isEqualTo(LocalDate.of(2027, 1, 5));
		for (String wrong : new String[] { "2027-01-05T00:00:00", " 2027-01-05", "2027-01-05+01:00", "2027-02-30" }) {
			assertThatThrownBy(() -> conversions.convertIfNecessary(wrong, LocalDate.class)).as(wrong)
				.isInstanceOf(TypeMismatchException.class);
		}
	}
}
