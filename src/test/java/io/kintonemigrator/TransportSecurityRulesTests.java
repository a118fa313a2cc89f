package io.kintonemigrator;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.TrustManager;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import okhttp3.OkHttpClient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * TLS is verified, always: no code of ours may bring its own trust manager or host name
 * verifier (the usual shapes of a "trust all" switch), nor turn on redirect following,
 * which would resend the credentials our interceptors add to whatever host a redirect
 * names.
 */
@AnalyzeClasses(packages = "io.kintonemigrator", importOptions = ImportOption.DoNotIncludeTests.class)
class TransportSecurityRulesTests {

	@ArchTest
	static final ArchRule noHomeMadeTrustManager = noClasses().should()
		.implement(TrustManager.class)
		.orShould()
		.implement(HostnameVerifier.class)
		.because("certificate and host name checks stay the JDK's");

	@ArchTest
	static final ArchRule nobodyChangesTheHostNameVerifier = noClasses().should()
		.callMethod(OkHttpClient.Builder.class, "hostnameVerifier", HostnameVerifier.class);

	@ArchTest
	static final ArchRule redirectsAreSwitchedOnlyOff = noClasses().that()
		.doNotHaveFullyQualifiedName("io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory")
		.should()
		.callMethod(OkHttpClient.Builder.class, "followRedirects", boolean.class)
		.orShould()
		.callMethod(OkHttpClient.Builder.class, "followSslRedirects", boolean.class);

}
