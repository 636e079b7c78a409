package io.staybook.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No text is limited with Jakarta's {@code @Size}, which counts UTF-16 units (two for an emoji) where the contract,
 * JSON Schema's {@code maxLength} and the columns' {@code char_length} count characters: a text's length is
 * {@code @CodePointLength} in a request body and {@code Characters.count} in a service. ({@code @Size} stays right for
 * collections.)
 */
class TextLimitsUnitTests {

	@Test
	void noTextIsLimitedInUtf16Units() {
		List<String> sized = new ArrayList<>();
		for (JavaClass imported : new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
			.importPackages("io.staybook")) {
			Class<?> type = imported.reflect();
			for (Field field : type.getDeclaredFields()) {
				check(field, field.getType(), type.getName() + "." + field.getName(), sized);
			}
			List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
			executables.addAll(List.of(type.getDeclaredConstructors()));
			for (Executable executable : executables) {
				for (Parameter parameter : executable.getParameters()) {
					check(parameter, parameter.getType(),
							type.getName() + "." + executable.getName() + "(" + parameter.getName() + ")", sized);
				}
			}
		}
		assertThat(sized).as("texts limited with @Size instead of @CodePointLength").isEmpty();
	}

	private static void check(AnnotatedElement element, Class<?> type, String name, List<String> sized) {
		if (CharSequence.class.isAssignableFrom(type) && element.isAnnotationPresent(Size.class)) {
			sized.add(name);
		}
	}
}
