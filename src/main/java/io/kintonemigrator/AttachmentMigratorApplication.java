package io.kintonemigrator;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot application. {@link #main} hands the command line to
 * {@link MigratorCli}, which starts this application context only for the commands that
 * run the job.
 */
@SpringBootApplication
public class AttachmentMigratorApplication {

	public static void main(String[] args) {
		System.exit(MigratorCli.execute(args));
	}

}
