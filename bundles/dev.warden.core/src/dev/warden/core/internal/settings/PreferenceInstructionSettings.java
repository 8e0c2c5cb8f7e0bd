package dev.warden.core.internal.settings;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.agent.InstructionFile;
import dev.warden.core.agent.Instructions;
import dev.warden.core.settings.InstructionSettings;
import dev.warden.core.trust.Acceptance;

/**
 * The standing instructions in the workspace's preferences; the projects' files read from disk each time they are
 * asked for, so a change counts (and asks again) at the next request.
 */
@Component(service = InstructionSettings.class)
public final class PreferenceInstructionSettings extends PreferenceService implements InstructionSettings {

	/** Folders never searched for instructions: build output, dependencies, tool caches. */
	private static final Set<String> SKIPPED = Set.of("node_modules", "target", "bin", "build", "out", "dist", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			"vendor", "__pycache__", "venv"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	private static final int MAX_DEPTH = 6;

	/** A file larger than this is not read: instructions of this size are not instructions. */
	private static final long MAX_BYTES = 256 * 1024;

	@Deactivate
	void deactivate() {
		stop();
	}

	@Override
	protected boolean owns(String key) {
		return key.startsWith("instructions."); //$NON-NLS-1$
	}

	@Override
	public String userInstructions() {
		return get(USER);
	}

	@Override
	public void setUserInstructions(String text) throws BackingStoreException {
		put(USER, text == null ? "" : text.strip()); //$NON-NLS-1$
		flush();
	}

	@Override
	public List<InstructionFile> projectFiles(IProject project) {
		IPath location = project.getLocation();
		if (location == null || !project.isAccessible()) {
			return List.of();
		}
		Path root = location.toPath();
		List<Path> found = new ArrayList<>();
		try {
			Files.walkFileTree(root, Set.of(), MAX_DEPTH + 1, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					String name = dir.getFileName() == null ? "" : dir.getFileName().toString(); //$NON-NLS-1$
					if (!dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name))) { //$NON-NLS-1$
						return FileVisitResult.SKIP_SUBTREE;
					}
					return found.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					if (attrs.isRegularFile() && file.getFileName().toString().equals(InstructionFile.NAME)
							&& attrs.size() <= MAX_BYTES) {
						found.add(file);
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException e) {
					return FileVisitResult.CONTINUE; // an unreadable folder holds no instructions we could show
				}
			});
		} catch (IOException e) {
			ILog.of(getClass()).warn("The instructions of " + project.getName() + " could not be searched.", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		List<InstructionFile> files = new ArrayList<>();
		for (Path file : found) {
			String path = root.relativize(file).toString().replace('\\', '/');
			try {
				files.add(new InstructionFile(project.getName(), path, read(file)));
			} catch (IOException e) {
				ILog.of(getClass()).warn(path + " of " + project.getName() + " could not be read.", e); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		files.sort(Comparator.comparingInt((InstructionFile f) -> f.path().split("/").length) //$NON-NLS-1$
				.thenComparing(InstructionFile::path));
		return files;
	}

	private static String read(Path file) throws IOException {
		// a file that is not UTF-8 is shown and sent as decoded, with replacement characters, not refused
		return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE)
				.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
	}

	@Override
	public Acceptance acceptance(InstructionFile file) {
		String accepted = get(ACCEPTED_PREFIX + file.label());
		if (accepted.isEmpty()) {
			return Acceptance.NOT_ACCEPTED;
		}
		return accepted.equals(file.contentHash()) ? Acceptance.ACCEPTED : Acceptance.CHANGED;
	}

	@Override
	public void accept(InstructionFile shown) throws BackingStoreException {
		put(ACCEPTED_PREFIX + shown.label(), shown.contentHash());
		flush();
	}

	@Override
	public Instructions instructions(List<IProject> projects) {
		List<InstructionFile> accepted = new ArrayList<>();
		List<InstructionFile> pending = new ArrayList<>();
		for (IProject project : projects) {
			for (InstructionFile file : projectFiles(project)) {
				(acceptance(file).isHonoured() ? accepted : pending).add(file);
			}
		}
		return new Instructions(userInstructions(), accepted, pending);
	}
}
