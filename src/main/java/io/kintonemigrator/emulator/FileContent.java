package io.kintonemigrator.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.kintonemigrator.emulator.file.Blob;
import io.kintonemigrator.emulator.file.FileStorage;
import io.kintonemigrator.emulator.file.GeneratedBlob;

/**
 * The content of a seeded attachment: given bytes, a file copied at seed time, or deterministic generated
 * bytes ({@link #generated(long, long)}) that are produced on the fly whenever the file is downloaded, so
 * tests can seed many or large files without disk or heap.
 */
public abstract sealed class FileContent {

	private FileContent() {
	}

	public static FileContent of(byte[] bytes) {
		return new Bytes(bytes.clone());
	}

	public static FileContent of(String utf8Text) {
		return new Bytes(utf8Text.getBytes(StandardCharsets.UTF_8));
	}

	/** The file's content, streamed into the emulator's data directory when the seed is applied. */
	public static FileContent of(Path path) {
		return new FromPath(path);
	}

	/**
	 * {@code size} deterministic bytes: the same size and seed always give the same content. Open them with
	 * {@link #openGenerated(long, long)} to compare.
	 */
	public static FileContent generated(long size, long seed) {
		return new Generated(new GeneratedBlob(size, seed));
	}

	/** A fresh stream of the bytes {@link #generated(long, long)} stands for. */
	public static InputStream openGenerated(long size, long seed) {
		return new GeneratedBlob(size, seed).open();
	}

	abstract Blob toBlob(FileStorage storage);

	private static final class Bytes extends FileContent {

		private final byte[] bytes;

		Bytes(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		Blob toBlob(FileStorage storage) {
			return storage.store(new java.io.ByteArrayInputStream(this.bytes));
		}

	}

	private static final class FromPath extends FileContent {

		private final Path path;

		FromPath(Path path) {
			this.path = path;
		}

		@Override
		Blob toBlob(FileStorage storage) {
			try (InputStream in = Files.newInputStream(this.path)) {
				return storage.store(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read seed file " + this.path, ex);
			}
		}

	}

	private static final class Generated extends FileContent {

		private final GeneratedBlob blob;

		Generated(GeneratedBlob blob) {
			this.blob = blob;
		}

		@Override
		Blob toBlob(FileStorage storage) {
			return this.blob;
		}

	}

}
