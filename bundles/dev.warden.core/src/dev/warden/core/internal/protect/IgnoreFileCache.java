package dev.warden.core.internal.protect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Parsed ignore files, kept until the file's modification time or size changes. Parsing is JGit's
 * {@link IgnoreNode}, after {@link WildcardLimit} has made rules that would match slowly safe. Safe for concurrent use.
 */
public final class IgnoreFileCache {

	private static final int MAX_ENTRIES = 20_000;

	private record Key(Path file, boolean folded) {
	}

	private record Entry(FileTime modified, long size, IgnoreRules rules) {
	}

	private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * The rules of {@code file}, or {@code null} if there is no such file. With {@code folded}, the file's text is
	 * lower-cased before parsing, for case-insensitive file systems.
	 */
	public IgnoreRules rules(Path file, boolean folded) {
		Key key = new Key(file, folded);
		BasicFileAttributes attributes;
		try {
			// most folders have no ignore file: asked without an exception for each
			attributes = file.getFileSystem().provider().readAttributesIfExists(file, BasicFileAttributes.class);
		} catch (NoSuchFileException e) {
			attributes = null;
		} catch (IOException e) {
			return new IgnoreRules(file, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
		}
		if (attributes == null) {
			entries.remove(key);
			return null;
		}
		if (!attributes.isRegularFile()) {
			return null;
		}
		Entry cached = entries.get(key);
		if (cached != null && cached.modified().equals(attributes.lastModifiedTime())
				&& cached.size() == attributes.size()) {
			return cached.rules();
		}
		IgnoreRules rules = read(file, folded);
		if (entries.size() >= MAX_ENTRIES) {
			entries.clear();
		}
		entries.put(key, new Entry(attributes.lastModifiedTime(), attributes.size(), rules));
		return rules;
	}

	private static IgnoreRules read(Path file, boolean folded) {
		try {
			String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
			if (folded) {
				text = text.toLowerCase(Locale.ROOT);
			}
			byte[] bytes = WildcardLimit.tame(text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
			IgnoreNode node = new IgnoreNode();
			try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
				node.parse(file.toString(), in);
			}
			return new IgnoreRules(file, node.getRules(), null);
		} catch (IOException e) {
			return new IgnoreRules(file, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
		}
	}
}
