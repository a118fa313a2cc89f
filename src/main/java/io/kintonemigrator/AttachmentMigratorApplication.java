package io.kintonemigrator;

import io.kintonemigrator.config.MigratorProperties;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Spring Boot application. {@link #main} hands the command line to
 * {@link MigratorCli}, which starts this application context only for the commands that
 * run the job.
 */
@SpringBootApplication
@EnableConfigurationProperties(MigratorProperties.class)
public class AttachmentMigratorApplication {

	public static void main(String[] args) {
		System.exit(MigratorCli.execute(args));
	}

}
