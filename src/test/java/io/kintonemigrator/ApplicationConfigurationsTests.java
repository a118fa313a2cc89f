package io.kintonemigrator;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.classreading.MetadataReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application lists its configuration classes instead of scanning for them
 * ({@link AttachmentMigratorApplication}); this test does the scan the application no
 * longer does at start-up, so a new {@code @Configuration} class cannot be forgotten.
 */
class ApplicationConfigurationsTests {

	@Test
	void theApplicationImportsEveryConfigurationClassOfTheApplication() {
		// every @Configuration class, also those whose condition would not match here
		// (the
		// remote roles')
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(MetadataReader reader) {
				return reader.getAnnotationMetadata().isAnnotated(Configuration.class.getName());
			}
		};
		Set<String> declared = new TreeSet<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("io.kintonemigrator")) {
			String location = String.valueOf(candidate.getSource());
			if (!location.contains("test-classes")
					&& !candidate.getBeanClassName().equals(AttachmentMigratorApplication.class.getName())) {
				declared.add(candidate.getBeanClassName());
			}
		}
		Set<String> imported = new TreeSet<>();
		Arrays.stream(AttachmentMigratorApplication.class.getAnnotation(Import.class).value())
			.forEach((type) -> imported.add(type.getName()));

		assertThat(declared).hasSizeGreaterThanOrEqualTo(9);
		assertThat(imported).isEqualTo(declared);
	}

}
