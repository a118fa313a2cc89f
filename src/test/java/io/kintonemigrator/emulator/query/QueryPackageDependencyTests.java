package io.kintonemigrator.emulator.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The query package may use the emulator's model and nothing else of ours, so it stays
 * reusable and testable.
 */
@AnalyzeClasses(packages = "io.kintonemigrator", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryPackageDependencyTests {

	@ArchTest
	static final ArchRule dependsOnlyOnTheEmulatorModel = noClasses().that()
		.resideInAPackage("io.kintonemigrator.emulator.query..")
		.should()
		.dependOnClassesThat(resideInAPackage("io.kintonemigrator..").and(
				not(resideInAnyPackage("io.kintonemigrator.emulator.query..", "io.kintonemigrator.emulator.model.."))));

}
