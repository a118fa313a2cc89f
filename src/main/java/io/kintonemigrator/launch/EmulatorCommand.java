package io.kintonemigrator.launch;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Serves the kintone emulator standalone. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
		description = "Serves the kintone emulator on localhost so a migration can be rehearsed offline.")
class EmulatorCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		throw new UnsupportedOperationException("the emulator is not built yet");
	}

}
