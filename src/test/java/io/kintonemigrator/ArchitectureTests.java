package io.kintonemigrator;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package dependency rules of ARCHITECTURE.md §7. */
@AnalyzeClasses(packages = "io.kintonemigrator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = "io.kintonemigrator";

	@ArchTest
	static final ArchRule emulatorIsIndependent = noClasses().that()
		.resideInAPackage(ROOT + ".emulator..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ROOT + ".config..", ROOT + ".kintone..", ROOT + ".resilience..", ROOT + ".transfer..",
				ROOT + ".migration..", ROOT + ".ledger..", ROOT + ".launch..");

	@ArchTest
	static final ArchRule onlyLaunchUsesTheEmulator = noClasses().that()
		.resideOutsideOfPackages(ROOT + ".emulator..", ROOT + ".launch..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(ROOT + ".emulator..");

	@ArchTest
	static final ArchRule clientApiIsFreeOfImplementationTypes = noClasses().that()
		.resideInAPackage(ROOT + ".kintone")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("okhttp3..", "okio..", "tools.jackson..", "com.fasterxml..", "io.github.resilience4j..",
				"org.springframework.batch..", ROOT + ".kintone.okhttp..", ROOT + ".config..", ROOT + ".resilience..",
				ROOT + ".transfer..", ROOT + ".migration..", ROOT + ".ledger..", ROOT + ".launch..");

	@ArchTest
	static final ArchRule onlyTheImplementationKnowsOkHttp = noClasses().that()
		.resideOutsideOfPackages(ROOT + ".kintone.okhttp..", ROOT + ".launch..")
		.and()
		.resideOutsideOfPackage(ROOT)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("okhttp3..", ROOT + ".kintone.okhttp..");

	@ArchTest
	static final ArchRule resilienceSeesOnlyTheClientApi = noClasses().that()
		.resideInAPackage(ROOT + ".resilience..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ROOT + ".transfer..", ROOT + ".migration..", ROOT + ".ledger..", ROOT + ".launch..",
				"org.springframework.batch..");

	@ArchTest
	static final ArchRule transferIsFreeOfSpringBatch = noClasses().that()
		.resideInAPackage(ROOT + ".transfer..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.batch..", "io.github.resilience4j..", ROOT + ".migration..",
				ROOT + ".ledger..", ROOT + ".launch..", ROOT + ".resilience..");

	@ArchTest
	static final ArchRule ledgerKnowsNoClient = noClasses().that()
		.resideInAPackage(ROOT + ".ledger..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ROOT + ".kintone..", ROOT + ".transfer..", ROOT + ".migration..", ROOT + ".launch..",
				ROOT + ".resilience..");

	/**
	 * The job config may name the client API's value types (connections, secrets),
	 * nothing else of ours.
	 */
	@ArchTest
	static final ArchRule configDependsOnlyOnTheClientApi = noClasses().that()
		.resideInAPackage(ROOT + ".config..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ROOT + ".kintone.okhttp..", ROOT + ".transfer..", ROOT + ".migration..", ROOT + ".ledger..",
				ROOT + ".launch..", ROOT + ".resilience..");

	@ArchTest
	static final ArchRule nothingDependsOnLaunch = noClasses().that()
		.resideOutsideOfPackages(ROOT + ".launch..")
		.and()
		.resideOutsideOfPackage(ROOT)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(ROOT + ".launch..");

}
