package io.kintonemigrator.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ({@code dev} when run from classes). */
public final class VersionProvider implements IVersionProvider {

	static String version() {
		String version = VersionProvider.class.getPackage().getImplementationVersion();
		return version == null ? "dev" : version;
	}

	@Override
	public String[] getVersion() {
		return new String[] { "kintone-attachment-migrator " + version() };
	}

}
