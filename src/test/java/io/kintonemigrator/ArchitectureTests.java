package io.kintonemigrator;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package layout and its dependency rules (README, "Where things live"). */
@AnalyzeClasses(packages = "io.kintonemigrator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = "io.kintonemigrator";

	private static final String JOB_TYPES_FOR_COMMANDS = "\\Q" + ROOT + ".migration.\\E("
			+ String.join("|", "AttachmentExtractor", "SourceAttachment", "SourceItem", "SourceRecords", "TargetLookup",
					"RowPairing", "HashingDownload", "Failures", "PreflightCheck", "PreflightException",
					"ExecutionKeys", "AttachmentMigrationJobConfiguration", "budget\\.RequestEstimate",
					// several app pairs: the rules they keep together, the partitions'
					// keys
					"PairOrder", "PartitionKeys", "PartitionedMigrationConfiguration")
			+ ")(\\$.*)?";

	@ArchTest
	static final ArchRule emulatorIsIndependent = noClasses().that()
		.resideInAPackage(ROOT + ".emulator..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ROOT + ".config..", ROOT + ".kintone..", ROOT + ".resilience..", ROOT + ".transfer..",
				ROOT + ".migration..", ROOT + ".ledger..", ROOT + ".launch..", ROOT + ".cli..", ROOT + ".report..",
				ROOT + ".sandbox..");

	@ArchTest
	static final ArchRule onlySandboxUsesTheEmulator = noClasses().that()
		.resideOutsideOfPackages(ROOT + ".emulator..", ROOT + ".sandbox..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(ROOT + ".emulator..");

	/**
	 * Dependencies point one way: entry points, then the commands, then running a
	 * migration (locally, or as a remote manager or worker) and what it shows, then what
	 * every command shares, then the job, then its parts. The {@code cli} context names
	 * the application class it starts.
	 */
	@ArchTest
	static final ArchRule dependenciesPointOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
		.layer("Entry points")
		.definedBy(resideInAPackage(ROOT).and(not(simpleName("AttachmentMigratorApplication"))))
		.layer("Commands")
		.definedBy(ROOT + ".plan..", ROOT + ".verify..", ROOT + ".status..", ROOT + ".inspect..", ROOT + ".sandbox..")
		.layer("Launch")
		.definedBy(ROOT + ".launch..")
		.layer("Remote")
		.definedBy(ROOT + ".remote..")
		.layer("Report")
		.definedBy(ROOT + ".report..")
		.layer("Shared by commands")
		.definedBy(ROOT + ".cli..")
		.layer("Job")
		.definedBy(ROOT + ".migration..")
		.layer("Parts")
		.definedBy(ROOT + ".transfer..", ROOT + ".ledger..", ROOT + ".config..", ROOT + ".kintone..",
				ROOT + ".resilience..")
		.whereLayer("Entry points")
		.mayNotBeAccessedByAnyLayer()
		.whereLayer("Commands")
		.mayOnlyBeAccessedByLayers("Entry points")
		.whereLayer("Launch")
		.mayOnlyBeAccessedByLayers("Entry points", "Commands")
		.whereLayer("Remote")
		.mayOnlyBeAccessedByLayers("Entry points", "Commands", "Launch")
		.whereLayer("Report")
		.mayOnlyBeAccessedByLayers("Entry points", "Commands", "Launch", "Remote")
		.whereLayer("Shared by commands")
		.mayOnlyBeAccessedByLayers("Entry points", "Commands", "Launch", "Remote", "Report")
		.whereLayer("Job")
		.mayOnlyBeAccessedByLayers("Entry points", "Commands", "Launch", "Remote", "Report", "Shared by commands");

	/** The feature packages never depend on each other in a circle. */
	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

	/** The daily budget is below the job: it knows requests and apps, not chunks. */
	@ArchTest
	static final ArchRule budgetKnowsNothingOfTheJob = noClasses().that()
		.resideInAPackage(ROOT + ".migration.budget..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(ROOT + ".migration");

	/**
	 * {@code plan}, {@code verify} and {@code status} read kintone and the job database
	 * the way the job does, through a named handful of its types and nothing else.
	 */
	@ArchTest
	static final ArchRule commandsUseANamedHandfulOfTheJob = noClasses().that()
		.resideInAnyPackage(ROOT + ".plan..", ROOT + ".verify..", ROOT + ".status..", ROOT + ".inspect..")
		.should()
		.dependOnClassesThat(resideInAPackage(ROOT + ".migration..").and(not(nameMatching(JOB_TYPES_FOR_COMMANDS))));

	@ArchTest
	static final ArchRule clientApiIsFreeOfImplementationTypes = noClasses().that()
		.resideInAPackage(ROOT + ".kintone")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("okhttp3..", "okio..", "tools.jackson..", "com.fasterxml..", "io.github.resilience4j..",
				"org.springframework.batch..", ROOT + ".kintone.okhttp..", ROOT + ".config..", ROOT + ".resilience..",
				ROOT + ".transfer..", ROOT + ".migration..", ROOT + ".ledger..", ROOT + ".launch..");

	/** The one place clients are built ({@code cli}) names the implementation. */
	@ArchTest
	static final ArchRule onlyTheImplementationKnowsOkHttp = noClasses().that()
		.resideOutsideOfPackages(ROOT + ".kintone.okhttp..", ROOT + ".cli..")
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

	/** One logging API: SLF4J, Spring Boot's own front. */
	@ArchTest
	static final ArchRule oneLoggingApi = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.commons.logging..", "java.util.logging..");

}
