package dev.warden.ui.internal.protect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.Walk;

/**
 * Finds the files and folders of one project the agent cannot see. It walks what the agent can see with
 * {@link PathPolicy#walk} (so hidden folders are never entered) and reports each entry of a visible folder that the
 * walk left out, with the policy's reason. A hidden folder is reported once; its contents are not listed.
 */
final class HiddenFilesScan {

	/** A file or folder hidden from the agent. */
	record HiddenFile(String relativePath, boolean directory, String reason) {
	}

	/**
	 * What a scan found.
	 *
	 * @param files      the hidden files and folders, in walk order
	 * @param truncated  whether the scan stopped at its limit
	 * @param unreadable folders that could not be read
	 */
	record Result(List<HiddenFile> files, boolean truncated, List<String> unreadable) {

		Result {
			files = List.copyOf(files);
			unreadable = List.copyOf(unreadable);
		}
	}

	private final String name;
	private final Path location;
	private final SensitivePatterns patterns;
	private final int limit;

	HiddenFilesScan(String name, Path location, SensitivePatterns patterns, int limit) {
		this.name = name;
		this.location = location;
		this.patterns = patterns;
		this.limit = limit;
	}

	/**
	 * Scans the project; checks {@code monitor} for cancellation.
	 *
	 * @throws IllegalArgumentException   if the location is not an existing folder
	 * @throws OperationCanceledException if cancelled
	 */
	Result run(IProgressMonitor monitor) {
		PathPolicy policy = PathPolicy.of(List.of(new ProtectedRoot(name, location)), patterns);
		Set<Path> visible = new HashSet<>();
		List<Path> folders = new ArrayList<>();
		Walk walk = policy.walk(location.toAbsolutePath().toString(), Integer.MAX_VALUE, file -> {
			visible.add(file.path());
			if (file.directory() && !Files.isSymbolicLink(file.path())) {
				folders.add(file.path());
			}
			return !monitor.isCanceled();
		});
		checkCancelled(monitor);
		if (walk.start().path() == null) {
			throw new IllegalArgumentException(walk.start().reason());
		}
		folders.add(0, walk.start().path());
		List<HiddenFile> hidden = new ArrayList<>();
		List<String> unreadable = new ArrayList<>(walk.unreadable());
		for (Path folder : folders) {
			List<Path> entries = new ArrayList<>();
			try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
				stream.forEach(entries::add);
			} catch (IOException e) {
				unreadable.add(folder + ": " + e.getMessage()); //$NON-NLS-1$
				continue;
			}
			entries.sort(null);
			for (Path entry : entries) {
				checkCancelled(monitor);
				if (visible.contains(entry)) {
					continue;
				}
				PathDecision decision = policy.decide(entry.toString());
				if (decision.isAllowed()) {
					continue;
				}
				if (hidden.size() == limit) {
					return new Result(hidden, true, unreadable);
				}
				String relative = walk.start().path().relativize(entry).toString().replace('\\', '/');
				hidden.add(new HiddenFile(relative, Files.isDirectory(entry), decision.reason()));
			}
		}
		hidden.sort(Comparator.comparing(HiddenFile::relativePath));
		return new Result(hidden, false, unreadable);
	}

	private static void checkCancelled(IProgressMonitor monitor) {
		if (monitor.isCanceled()) {
			throw new OperationCanceledException();
		}
	}
}
